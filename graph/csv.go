package graph

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/entigraph/entigraph/extract"
)

// CSVArraySeparator joins the aliases and the roles of a node in CSV, as
// neo4j-admin import splits arrays by default.
const CSVArraySeparator = ";"

// WriteCSV writes n as two CSV files, a node table to nodes and an edge
// table to edges, whose headers suit both Gephi's spreadsheet import and
// neo4j-admin import. Nodes are sorted by ID and edges by source and
// target, one a row, with a header row first. Both outputs are buffered;
// WriteCSV returns the first error from either, or an error if n is nil.
//
// The node table's header is
//
//	Id,Label,:ID,:LABEL,type,mentions:int,documents:int,windows:int,aliases:string[],roles:string[],kb,country,latitude:double,longitude:double,degree:int,weighted_degree:double,pagerank:double,betweenness:double,community:int
//
// and the edge table's
//
//	Source,Target,Type,Weight,:START_ID,:END_ID,:TYPE,weight:int,count:int,documents:int,npmi:double,dice:double,jaccard:double,kind,label
//
// with weight:double for the NPMI, Dice and Jaccard weights, and then
// disparity:double with a backbone and evidence (a JSON array in a string)
// with Config.Evidence. Gephi takes Id, Label, Source, Target, Type
// ("Undirected") and Weight, matched without regard to case, and imports
// the other columns as attributes, whose types are chosen in its import
// wizard. Neo4j takes :ID, :LABEL (Entity, and Person, Organization or
// Place for the three entity types), :START_ID, :END_ID and :TYPE
// (CO_MENTIONED, or AFFILIATED_WITH for an affiliation edge, whose kind is
// "affiliation", whose label holds its labels joined with "; ", and whose
// npmi, dice and jaccard are empty), the typed columns as typed properties, and the Gephi
// columns as string properties. Missing values are empty fields, which
// Neo4j leaves out. Weight, for Gephi, writes a negative NPMI as 0 as
// [WriteGEXF] does.
//
// Fields are quoted as encoding/csv quotes them: when they hold a comma, a
// double quote or a line break, or begin with a space. Neo4j needs
// --multiline-fields=true for names with line breaks. Arrays are joined
// with [CSVArraySeparator], so an alias that holds ";" is split by Neo4j.
// Carriage returns become line feeds (CSV readers turn line ends in fields
// into line feeds anyway), other control characters but tab, and invalid
// UTF-8, become U+FFFD; WriteCSV returns an error, writing nothing, if that
// would give two nodes the same ID. Fields are never cut short: Python's
// csv module needs csv.field_size_limit raised to read a field of over
// 131,072 characters, such as the aliases of a very long name.
func WriteCSV(nodes, edges io.Writer, n *Network) error {
	if n == nil {
		return errors.New("graph: WriteCSV: nil network")
	}
	if err := checkIDs("WriteCSV", n.nodes, csvExact, csvString, false); err != nil {
		return err
	}
	if err := writeCSVNodes(nodes, n); err != nil {
		return fmt.Errorf("graph: WriteCSV: nodes: %w", err)
	}
	if err := writeCSVEdges(edges, n); err != nil {
		return fmt.Errorf("graph: WriteCSV: edges: %w", err)
	}
	return nil
}

// neo4jType returns the Neo4j header type of a kind of value.
func neo4jType(k kind) string {
	switch k {
	case kindInt:
		return ":int"
	case kindDouble:
		return ":double"
	case kindList:
		return ":string[]"
	}
	return ""
}

// neo4jLabels returns the Neo4j labels of a node of type t.
func neo4jLabels(t extract.Type) string {
	switch t {
	case extract.Person:
		return "Entity;Person"
	case extract.Org:
		return "Entity;Organization"
	case extract.Loc:
		return "Entity;Place"
	}
	return "Entity"
}

func writeCSVNodes(w io.Writer, n *Network) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	attrs := nodeAttributes()[1:] // the label is Gephi's Label
	row := []string{"Id", "Label", ":ID", ":LABEL"}
	for _, a := range attrs {
		row = append(row, a.name+neo4jType(a.kind))
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	var vals []value
	for i := range n.nodes {
		v := &n.nodes[i]
		id := csvString(v.ID)
		row = append(row[:0], id, csvString(v.Label), id, neo4jLabels(v.Type))
		vals = nodeValues(vals, v)
		row = appendCSVValues(row, vals[1:])
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func writeCSVEdges(w io.Writer, n *Network) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	attrs := n.edgeAttributes()
	row := []string{"Source", "Target", "Type", "Weight", ":START_ID", ":END_ID", ":TYPE"}
	for _, a := range attrs {
		row = append(row, a.name+neo4jType(a.kind))
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	var vals []value
	for i := range n.edges {
		e := &n.edges[i]
		s, t := csvString(e.Source), csvString(e.Target)
		vals = n.edgeValues(vals, e, true)
		weight := vals[0].text
		if e.Weight < 0 {
			weight = "0"
		}
		typ := "CO_MENTIONED"
		if e.Kind == Affiliation {
			typ = "AFFILIATED_WITH"
		}
		row = append(row[:0], s, t, "Undirected", weight, s, t, typ)
		row = appendCSVValues(row, vals)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// appendCSVValues appends a field for each value, empty when it is missing.
func appendCSVValues(row []string, vals []value) []string {
	for _, v := range vals {
		switch {
		case !v.ok:
			row = append(row, "")
		case v.list != nil:
			row = append(row, csvString(strings.Join(v.list, CSVArraySeparator)))
		default:
			row = append(row, csvString(v.text))
		}
	}
	return row
}

// csvControl reports whether WriteCSV replaces r with U+FFFD.
func csvControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f
}

// csvExact reports whether WriteCSV writes s as it is.
func csvExact(s string) bool {
	for i, r := range s {
		if csvControl(r) || r == '\r' {
			return false
		}
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return false
			}
		}
	}
	return true
}

// csvString returns s as WriteCSV writes it: carriage returns, alone or
// before a line feed, become line feeds, which CSV readers give back for
// them anyway; each other control character but tab, and each byte of
// invalid UTF-8, becomes U+FFFD.
func csvString(s string) string {
	if csvExact(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // an invalid byte is utf8.RuneError, U+FFFD
		switch {
		case r == '\r':
			r = '\n'
		case csvControl(r):
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}
