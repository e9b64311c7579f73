package tables

import (
	"testing"

	"escape"
)

// The tests read and set the state fields, which blocks the
// transition-pointer form and not the table form; they pass before and
// after the table rewrite.

func TestLexer(t *testing.T) {
	l := escape.Heap(&lexer{in: "a<b>c<d"})
	if n := l.run(); n != 2 || l.state != lexEOF {
		t.Errorf("run = %d in state %v, want 2 in eof", n, l.state)
	}
	l.step() // eof: no case body, no panic
}

func TestLexerCorrupt(t *testing.T) {
	defer func() {
		if r := recover(); r != "lexer in state lexState(7)" {
			t.Errorf("recovered %v, want the default's panic", r)
		}
	}()
	l := escape.Heap(new(lexer))
	l.resume(7)
	l.step()
	t.Error("a corrupt lexer stepped")
}

func TestCounter(t *testing.T) {
	c := escape.Heap(new(counter))
	var got []bool
	for range 6 {
		got = append(got, c.tick())
	}
	if want := []bool{false, false, false, false, true, true}; !equal(got, want) || c.state != full {
		t.Errorf("ticks %v in state %d, want %v in full", got, c.state, want)
	}
}

func TestCounterCorrupt(t *testing.T) {
	// A state past the last, or below the first: no case runs, the code
	// after the switch does.
	for _, st := range []phase{full + 1, -1, 1 << 40} {
		c := escape.Heap(&counter{state: st})
		if c.tick() || c.ticks != 1 || c.state != st {
			t.Errorf("in state %d: ticks %d, state %d; want not full, 1 tick, unchanged", st, c.ticks, c.state)
		}
	}
}

func TestConn(t *testing.T) {
	c := escape.Heap(dial())
	var peeks []string
	for !c.Step() {
		peeks = append(peeks, c.Peek())
	}
	if len(peeks) != 2 || peeks[0] != "close" || peeks[1] != "nothing" || c.st != closed {
		t.Errorf("peeks %v, state %d", peeks, c.st)
	}
	c = escape.Heap(dial())
	c.Step()
	if c.Close(); len(c.log) != 1 || !c.Step() {
		t.Errorf("closing an open conn: log %v", c.log)
	}
}

func TestConnZero(t *testing.T) {
	// The zero conn is in no state: the default runs.
	c := escape.Heap(new(conn))
	if !c.Step() || c.st != 0 {
		t.Errorf("a zero conn stepped to %d", c.st)
	}
}

func TestWords(t *testing.T) {
	w := escape.Heap(newWords())
	for _, c := range []byte("go vet  fix") {
		if err := w.feed(c); err != nil {
			t.Fatal(err)
		}
	}
	if w.n != 3 || !w.inWord() {
		t.Errorf("%d words in state %d, want 3 in wWord", w.n, w.state)
	}
	if err := escape.Heap(newWords()).feed('!'); err == nil {
		t.Error("no error from a space's method")
	}
}

func TestWordsCorrupt(t *testing.T) {
	for _, st := range []wstate{0, wSpace + 1} {
		func() {
			defer func() {
				if r := recover(); r != "words: in no state" {
					t.Errorf("in state %d: recovered %v, want the panic after the switch", st, r)
				}
			}()
			w := escape.Heap(new(words))
			w.resume(st)
			w.feed('x')
			t.Errorf("in state %d: fed", st)
		}()
	}
}

func TestValve(t *testing.T) {
	v := escape.Heap(&valve{lv: low})
	v.turn()
	v.turn()
	v.turn()
	if !v.isOpen() || v.opened != 2 {
		t.Errorf("open %v after %d openings", v.isOpen(), v.opened)
	}
	for _, lv := range []level{0, 2, 3} { // between the states: the default
		v := escape.Heap(new(valve))
		v.set(lv)
		if v.turn(); v.lv != low || v.opened != 0 {
			t.Errorf("from %d: level %d, %d openings", lv, v.lv, v.opened)
		}
	}
}

func equal(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestKnob(t *testing.T) {
	d := escape.Heap(new(knob))
	d.turn()
	if d.w != wideHigh {
		t.Fatalf("low turned to %d", d.w)
	}
	d.w = 7
	d.turn()
	if d.w != 8 || d.turns != 2 {
		t.Errorf("from 7: %d after %d turns, want 8 after 2", d.w, d.turns)
	}
}

func TestBox(t *testing.T) {
	b := escape.Heap(new(box))
	b.shift()
	if b.g != gearTwo {
		t.Fatalf("one shifted to %d", b.g)
	}
	b.force(9) // no case: only the moves count
	b.shift()
	b.restore(func() (gear, int) { return 200, 0 })
	b.shift()
	if b.g != 200 || b.moves != 1 {
		t.Errorf("gear %d after %d moves, want 200 after 1", b.g, b.moves)
	}
}
