package testreads

import "testing"

func TestToggle(t *testing.T) {
	var g gate
	g.Toggle()
	// Reading the state field in a test blocks a rewrite.
	if g.p != phaseShut {
		t.Fatal("not shut")
	}
}
