package zeros

import (
	"testing"
	"unsafe"

	"escape"
)

func TestStep(t *testing.T) {
	c := escape.Heap(new(cell))
	v, p, a, ptr, ok, s, f, err := c.Step([]byte("x"))
	if v != nil || p != (pair{}) || a != [2]int{} || ptr != nil || ok || s != "" || f != 0 || err != nil {
		t.Fatalf("filling: Step = %q %v %v %v %v %q %v %v, want zero values", v, p, a, ptr, ok, s, f, err)
	}
	v, p, a, ptr, ok, s, f, err = c.Step([]byte("y"))
	if string(v) != "x" || p != (pair{1, 2}) || a != [2]int{3, 4} || ptr != unsafe.Pointer(c) || !ok || s != "full" || f != 0.5 || err != nil {
		t.Fatalf("emitting: Step = %q %v %v %v %v %q %v %v, want x {1 2} [3 4] &c true full 0.5 <nil>", v, p, a, ptr, ok, s, f, err)
	}
}

func TestRing(t *testing.T) {
	b := escape.Heap(new(bell))
	for i, want := range []int{441, 881, 441} {
		if hz, ok, err := b.Ring(); hz != want || ok || err != nil {
			t.Fatalf("ring %d: %d %v %v, want %d false <nil>", i, hz, ok, err, want)
		}
	}
}

func TestGauge(t *testing.T) {
	g := escape.Heap(&gauge{base: 5})
	for i, want := range []int{6, 15, 6} {
		if n, err := g.Read(); n != want || err != nil {
			t.Fatalf("read %d: %d %v, want %d <nil>", i, n, err, want)
		}
	}
}
