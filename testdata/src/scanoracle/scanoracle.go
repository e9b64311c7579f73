// Package scanoracle computes what scan16's 16-state machine must produce,
// from a table of its successors and constants, independently of any of
// the machine's forms; scan16 and forms test against it.
package scanoracle

import "math/rand/v2"

// Sum computes the checksum the machine must produce, from a table of
// the same successors and constants, independently of the machine.
func Sum(in []byte) uint32 {
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

func Input(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	in := make([]byte, n)
	for i := range in {
		in[i] = byte(r.Uint32())
	}
	return in
}
