package forms

import (
	"math/rand/v2"
	"testing"
)

type stepper interface{ Step(c byte) bool }

func oracle(in []byte) uint32 {
	next := [16][4]int{
		{1, 5, 7, 11},
		{2, 6, 8, 12},
		{3, 7, 9, 13},
		{4, 8, 10, 14},
		{5, 9, 11, 15},
		{6, 10, 12, 0},
		{7, 11, 13, 1},
		{8, 12, 14, 2},
		{9, 13, 15, 3},
		{10, 14, 0, 4},
		{11, 15, 1, 5},
		{12, 0, 2, 6},
		{13, 1, 3, 7},
		{14, 2, 4, 8},
		{15, 3, 5, 9},
		{0, 4, 6, 10},
	}
	state, sum := 0, uint32(0)
	for _, c := range in {
		sum = sum*31 + uint32(c) + uint32(state*7+3)
		state = next[state][c&3]
	}
	return sum
}

func input(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	in := make([]byte, n)
	for i := range in {
		in[i] = byte(r.Uint32())
	}
	return in
}

func TestFormsAgree(t *testing.T) {
	in := input(10000)
	want := oracle(in)
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
	in := input(size)
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
	in, m := input(size), new(switchM)
	b.ResetTimer()
	for i := 0; i < b.N; i += size {
		m.Run(in)
	}
}

func BenchmarkRunReturned(b *testing.B) {
	in, m := input(size), new(returnedM)
	b.ResetTimer()
	for i := 0; i < b.N; i += size {
		m.Run(in)
	}
}
