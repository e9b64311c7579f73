package scan16

import (
	"testing"

	"escape"
	"scanoracle"
)

// stepper is how a driver sees the machine: through an interface, so
// each step pays the interface call and, before the rewrite, the switch.
type stepper interface{ Step(c byte) bool }

func TestScanner(t *testing.T) {
	in := scanoracle.Input(10000)
	m := escape.Heap(new(scanner))
	var s stepper = m
	for _, c := range in {
		s.Step(c)
	}
	if want := scanoracle.Sum(in); m.sum != want {
		t.Errorf("checksum %d, want %d", m.sum, want)
	}
}

// BenchmarkStep reports the cost of one step through the interface, with
// transitions chosen by random bytes (unpredictable).
func BenchmarkStep(b *testing.B) {
	in := scanoracle.Input(1 << 16)
	var s stepper = escape.Heap(new(scanner))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Step(in[i&(1<<16-1)])
	}
}
