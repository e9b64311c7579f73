package scan16

import (
	"math/rand/v2"
	"testing"
)

// stepper is how a driver sees the machine: through an interface, so
// each step pays the interface call and, before the rewrite, the switch.
type stepper interface{ Step(c byte) bool }

// oracle computes the checksum the machine must produce, from a table of
// the same successors and constants, independently of the machine.
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

func TestScanner(t *testing.T) {
	in := input(10000)
	m := new(scanner)
	var s stepper = m
	for _, c := range in {
		s.Step(c)
	}
	if want := oracle(in); m.sum != want {
		t.Errorf("checksum %d, want %d", m.sum, want)
	}
}

// BenchmarkStep reports the cost of one step through the interface, with
// transitions chosen by random bytes (unpredictable).
func BenchmarkStep(b *testing.B) {
	in := input(1 << 16)
	var s stepper = new(scanner)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Step(in[i&(1<<16-1)])
	}
}
