package fnedges

import (
	"testing"

	"escape"
)

func TestClock(t *testing.T) {
	c := escape.Heap(new(clock))
	for range 5 {
		c.tick()
	}
	if c.ticks != 2 {
		t.Errorf("%d ticks, want 2 before it stops", c.ticks)
	}
}

func TestSignal(t *testing.T) {
	g := escape.Heap(new(signal))
	g.flip()
	g.stuck = true
	g.flip() // green to red
	g.flip() // red, stuck: stays
	if g.flips != 3 {
		t.Errorf("%d flips", g.flips)
	}
	g.stuck = false
	g.flip()
	g.flip()
	if g.flips != 5 {
		t.Errorf("%d flips", g.flips)
	}
}

func TestReader(t *testing.T) {
	r := escape.Heap(new(reader))
	r.hook = func(p []byte, max int) (int, error) { return 0, errShort }
	if n, err := r.read(make([]byte, 8), 4); n != 3 || err != nil {
		t.Errorf("skip: %d %v", n, err)
	}
	if _, err := r.read(nil, 1); err != errShort {
		t.Errorf("hook: %v", err)
	}
	defer func() {
		if p := recover(); p != "broken reader" {
			t.Errorf("recovered %v", p)
		}
	}()
	r.brk()
	r.read(nil, 1)
}

func TestMeter(t *testing.T) {
	m := escape.Heap(&meter{base: 3})
	if a, b, c := m.read(), m.read(), m.read(); a != 3 || b != 6 || c != 3 {
		t.Errorf("reads %d %d %d, want 3 6 3", a, b, c)
	}
}

// TestLooper: a zero looper is in no state, and runs the labelled code.
func TestLooper(t *testing.T) {
	o := escape.Heap(newLooper())
	if o.next() != 1 || o.next() != 2 {
		t.Error("want 1, then 2")
	}
	if n := escape.Heap(new(looper)).next(); n != -3 {
		t.Errorf("a zero looper: %d, want -3", n)
	}
}
