package text

import (
	"strings"
	"testing"
)

// text is about 1.4 KB of words: long enough that the channel's hand-offs
// are most of a benchmark's time, short enough for a quick run.
var text = strings.Repeat("the quick brown fox jumps over the lazy dog\n", 32)

func TestCountWords(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a  b\nc ", text} {
		if got, want := CountWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("CountWords(%.20q) = %d, want %d", s, got, want)
		}
	}
}

// TestWordsEarlyExit leaves the loop over words early, which the
// rewrite must allow.
func TestWordsEarlyExit(t *testing.T) {
	var got []string
	for w := range words("a b c d") {
		if w == "c" {
			break
		}
		got = append(got, w)
	}
	if strings.Join(got, " ") != "a b" {
		t.Errorf("words before c: %q", got)
	}
}

func TestSum(t *testing.T) {
	for _, xs := range [][]int{nil, {1}, {1, 2, 3}, ints(1024)} {
		want := 0
		for _, x := range xs {
			want += x
		}
		if got := Sum(xs); got != want {
			t.Errorf("Sum(%d ints) = %d, want %d", len(xs), got, want)
		}
	}
}

// ints returns 0, 1, ..., n-1.
func ints(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i
	}
	return xs
}

// BenchmarkWords ranges over the channel generator.
func BenchmarkWords(b *testing.B) {
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		n := 0
		for range words(text) {
			n++
		}
		if n != 288 {
			b.Fatalf("%d words", n)
		}
	}
}

// BenchmarkSum calls the function that holds the iter.Pull loop.
func BenchmarkSum(b *testing.B) {
	xs := ints(1024)
	for b.Loop() {
		if Sum(xs) != 1023*1024/2 {
			b.Fatal("wrong sum")
		}
	}
}
