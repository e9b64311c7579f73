package lamp

import "testing"

// lamps keeps the lamps the tests make on the heap, as a program that
// holds them does: fsmswitch offers no fix of a machine that lives on its
// function's stack.
var lamps []*Lamp

func TestLampBlows(t *testing.T) {
	l := new(Lamp)
	lamps = append(lamps, l)
	n := 0
	for !l.Toggle() {
		n++
	}
	if n != 4 {
		t.Fatalf("blew after %d toggles, want 4", n)
	}
}
