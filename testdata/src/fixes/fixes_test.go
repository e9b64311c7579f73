package fixes

import (
	"testing"

	"escape"
)

// The tests drive the machine through its methods only, so they pass
// before and after the rewrite.

func TestTokenizer(t *testing.T) {
	tk := escape.Heap(newTokenizer("go  vet fix"))
	var ended int
	for {
		e, err := tk.Next()
		if err != nil {
			break
		}
		if e {
			ended++
		}
	}
	if tk.Words() != 3 || ended != 2 {
		t.Errorf("words = %d, ended = %d; want 3 and 2", tk.Words(), ended)
	}
}

func TestZeroTokenizer(t *testing.T) {
	// A zero tokenizer is in no state: no case runs, the code around the
	// switch still does.
	tk := escape.Heap(new(tokenizer))
	tk.in = "ab"
	ended, err := tk.Next()
	if ended || err != nil || tk.Words() != 0 || tk.pos != 1 {
		t.Errorf("zero tokenizer: ended=%v err=%v words=%d pos=%d", ended, err, tk.Words(), tk.pos)
	}
}

func BenchmarkTokenizer(b *testing.B) {
	const in = "the quick brown fox jumps over the lazy dog and then some more words"
	for i := 0; i < b.N; i++ {
		tk := escape.Heap(newTokenizer(in))
		for {
			if _, err := tk.Next(); err != nil {
				break
			}
		}
	}
}
