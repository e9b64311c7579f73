package driver

import (
	"testing"

	"escape"
)

func TestLexer(t *testing.T) {
	l := escape.Heap(new(lexer))
	if n := l.Feed([]byte("go vet fix. more")); n != 10 || l.words != 3 {
		t.Errorf("Feed = %d with %d words, want 10 and 3", n, l.words)
	}
	if !l.Step('x') || l.words != 3 {
		t.Errorf("a step in a word: %d words", l.words)
	}
	ls := []*lexer{escape.Heap(new(lexer)), escape.Heap(new(lexer))}
	feedAll(ls, 'a')
	feedLater(ls[0], []byte(" b"))
	i := 0
	feedNext(ls[1], func() byte { i++; return " c d"[i-1] }, 4)
	if ls[0].words != 2 || ls[1].words != 3 {
		t.Errorf("words %d and %d, want 2 and 3", ls[0].words, ls[1].words)
	}
}

func TestCounter(t *testing.T) {
	k := escape.Heap(new(counter))
	if n := k.Count([]int{1, 3, 4, 5, 7}); n != 2 {
		t.Errorf("Count = %d, want 2", n)
	}
}

func TestResetter(t *testing.T) {
	r := escape.Heap(new(resetter))
	if r.Run(3) != 2 {
		t.Error("want 2 steps in rA of 3")
	}
	r.Reset()
	if r.Run(1) != 1 {
		t.Error("a reset resetter starts in rA")
	}
}

func TestTickerAndBeat(t *testing.T) {
	tk := escape.Heap(new(ticker))
	if n := tk.Run(5); n != 2 || tk.calls != 5 {
		t.Errorf("ticker: %d tocks in %d calls, want 2 in 5", n, tk.calls)
	}
	b := escape.Heap(new(beat))
	if n := b.Run(3); n != 2 {
		t.Errorf("beat: %d downs, want 2", n)
	}
	l := escape.Heap(new(lexer))
	feedIfReady(l, true, []byte("a b"))
	if l.words != 2 {
		t.Errorf("%d words, want 2", l.words)
	}
}

// TestScan keeps its lexer on its stack: a test's allocation after the
// fix, which does not block it.
func TestScan(t *testing.T) {
	var l lexer
	if last := l.Scan([]byte("go vet")); last != 't' || l.words != 2 {
		t.Errorf("Scan = %q with %d words, want 't' and 2", last, l.words)
	}
}
