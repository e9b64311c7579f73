package count

import "testing"

func TestCount(t *testing.T) {
	if n := Count(); n != 4 {
		t.Fatalf("Count() = %d, want 4", n)
	}
}

// counters keeps the counters the tests make on the heap.
var counters []*Counter

func TestZeroCounterStarts(t *testing.T) {
	c := new(Counter)
	counters = append(counters, c)
	if c.Step() {
		t.Fatal("a zero counter is done at once")
	}
}

var sink *[16]byte

// BenchmarkCount allocates once per count itself, so that the fix's extra
// allocation shows as a ratio (2 allocs/op against 1), not a division by
// zero.
func BenchmarkCount(b *testing.B) {
	for b.Loop() {
		sink = new([16]byte)
		Count()
	}
}
