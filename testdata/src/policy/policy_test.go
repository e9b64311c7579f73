package policy

import (
	"testing"

	"escape"
)

func TestSignal(t *testing.T) {
	s := escape.Heap(new(signal))
	s.Next()
	s.Next()
	g := escape.Heap(&gate{d: shut})
	if g.Next(); !g.IsOpen() {
		t.Error("a shut gate stepped is not open")
	}
}
