package tableforms

import (
	"testing"

	"escape"
)

func TestTokenizer(t *testing.T) {
	tk := escape.Heap(&tokenizer{state: tokStart, in: "go  vet fix"})
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
	if tk.words != 3 || ended != 2 {
		t.Errorf("words = %d, ended = %d; want 3 and 2", tk.words, ended)
	}
}

// TestZeroTokenizer: a zero tokenizer is in no state: no case runs, the
// code around the switch does.
func TestZeroTokenizer(t *testing.T) {
	tk := escape.Heap(&tokenizer{in: "ab"})
	ended, err := tk.Next()
	if ended || err != nil || tk.words != 0 || tk.pos != 1 {
		t.Errorf("zero tokenizer: ended=%v err=%v words=%d pos=%d", ended, err, tk.words, tk.pos)
	}
}

func TestFrameReader(t *testing.T) {
	r := escape.Heap(&frameReader{buf: make([]byte, 6)})
	steps := 1
	for !r.Poll() {
		steps++
	}
	if steps != 5 || !r.Poll() {
		t.Errorf("done after %d polls, want 5, then done again", steps)
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

// TestLamp: a zero lamp runs the case naming zero, which switches it on.
func TestLamp(t *testing.T) {
	l := escape.Heap(&lamp{})
	for range 4 {
		l.Toggle()
	}
	if l.state != lampOff || l.flips != 2 {
		t.Errorf("state %d, %d flips after 4 toggles; want %d and 2", l.state, l.flips, lampOff)
	}
}
