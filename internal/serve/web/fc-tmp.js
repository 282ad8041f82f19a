const cytoscape = require('cytoscape'); const fcose = require('cytoscape-fcose'); cytoscape.use(fcose);
const N=2000, els=[];
for (let i=0;i<N;i++) els.push({data:{id:'n'+i}});
let k=0; for (let i=1;i<N;i++){ els.push({data:{id:'e'+(k++),source:'n'+i,target:'n'+Math.floor(Math.random()*i)}}); if(i%2) els.push({data:{id:'e'+(k++),source:'n'+i,target:'n'+Math.floor(Math.random()*N)}});}
const cy = cytoscape({headless:true, styleEnabled:true, elements:els, style:[{selector:'node',style:{width:20,height:20}}]});
let t=Date.now();
cy.layout({name:'fcose', quality:'default', randomize:true, animate:false, numIter:2500}).run();
console.log('default', Date.now()-t, JSON.stringify(cy.nodes()[5].position()));
t=Date.now();
cy.layout({name:'fcose', quality:'draft', randomize:true, animate:false}).run();
console.log('draft', Date.now()-t, JSON.stringify(cy.nodes()[5].position()));
