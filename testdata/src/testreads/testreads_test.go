package testreads

import (
	"testing"

	"escape"
)

func TestToggle(t *testing.T) {
	g := escape.Heap(new(gate))
	g.Toggle()
	// Reading the state field in a test blocks a rewrite.
	if g.p != phaseShut {
		t.Fatal("not shut")
	}
}
