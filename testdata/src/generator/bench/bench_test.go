package bench

import (
	"strings"
	"testing"
)

// text is about 14 KB of words.
var text = strings.Repeat("the quick brown fox jumps over the lazy dog\n", 320)

func TestCountWords(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a  b\nc ", text} {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%.20q) = %d, want %d", s, got, want)
		}
	}
}

func TestSum(t *testing.T) {
	for _, xs := range [][]int{nil, {1}, {1, 2, 3}} {
		want := 0
		for _, x := range xs {
			want += x
		}
		if got := sum(xs); got != want {
			t.Errorf("sum(%v) = %d, want %d", xs, got, want)
		}
	}
}

func BenchmarkWords(b *testing.B) {
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		countWords(text)
	}
}

func BenchmarkPull(b *testing.B) {
	xs := make([]int, 4096)
	for i := range xs {
		xs[i] = i
	}
	for b.Loop() {
		sum(xs)
	}
}
