package forms

import (
	"testing"

	"scanoracle"
)

type stepper interface{ Step(c byte) bool }

func TestFormsAgree(t *testing.T) {
	in := scanoracle.Input(10000)
	want := scanoracle.Sum(in)
	a, s, p := new(switchM), new(storedM), new(returnedM)
	for _, st := range []stepper{a, s, p} {
		for _, c := range in {
			st.Step(c)
		}
	}
	ar, pr := new(switchM), new(returnedM)
	ar.Run(in)
	pr.Run(in)
	for name, got := range map[string]uint32{"switch": a.sum, "stored": s.sum, "returned": p.sum, "switch Run": ar.sum, "returned Run": pr.sum} {
		if got != want {
			t.Errorf("%s: checksum %d, want %d", name, got, want)
		}
	}
}

const size = 1 << 16

func benchStep(b *testing.B, st stepper) {
	in := scanoracle.Input(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st.Step(in[i&(size-1)])
	}
}

// One byte per call through an interface: a suspending Poll.
func BenchmarkStepSwitch(b *testing.B)   { benchStep(b, new(switchM)) }
func BenchmarkStepStored(b *testing.B)   { benchStep(b, new(storedM)) }
func BenchmarkStepReturned(b *testing.B) { benchStep(b, new(returnedM)) }

// A whole buffer per call: a run-to-completion driver (ns per byte).
func BenchmarkRunSwitch(b *testing.B) {
	in, m := scanoracle.Input(size), new(switchM)
	b.ResetTimer()
	for i := 0; i < b.N; i += size {
		m.Run(in)
	}
}

func BenchmarkRunReturned(b *testing.B) {
	in, m := scanoracle.Input(size), new(returnedM)
	b.ResetTimer()
	for i := 0; i < b.N; i += size {
		m.Run(in)
	}
}
