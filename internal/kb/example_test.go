package kb_test

import (
	"fmt"
	"log"

	"github.com/entigraph/entigraph/internal/kb"
)

func ExampleKB_Lookup() {
	k, err := kb.Load()
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"U.S.", "America", "Britain", "NATO", "Calif."} {
		e := k.Lookup(name)[0]
		fmt.Printf("%s -> %s (%s %s)\n", name, e.Name, e.Type, e.Kind)
	}
	dutch, _ := k.Demonym("Dutch")
	fmt.Println("Dutch ->", dutch.Name)
	// Output:
	// U.S. -> United States (LOC country)
	// America -> United States (LOC country)
	// Britain -> United Kingdom (LOC country)
	// NATO -> North Atlantic Treaty Organization (ORG intl-org)
	// Calif. -> California (LOC state)
	// Dutch -> Netherlands
}
