package machine

import (
	"reflect"
	"testing"

	"escape"
)

// These tests drive the machines through their methods only, so they
// pass before and after the rewrite to transition-pointer form.

func TestFrameReader(t *testing.T) {
	r := escape.Heap(newFrameReader(make([]byte, 6)))
	cx := escape.Heap(new(Context))
	steps := 1
	for !r.Poll(cx) {
		steps++
	}
	// header, body from pos 4 to 6 (2 steps), the step that leaves
	// body, and the final done step.
	if steps != 5 {
		t.Errorf("frameReader done after %d polls, want 5", steps)
	}
	if !r.Poll(cx) {
		t.Error("a done frameReader polled again is not done")
	}
}

func TestConn(t *testing.T) {
	c := escape.Heap(dial())
	steps := 1
	for !c.Step() {
		steps++
	}
	if steps != 3 {
		t.Errorf("conn done after %d steps, want 3", steps)
	}
	if err := c.Close(); err != nil || len(c.log) != 0 {
		t.Errorf("closing a closed conn: err=%v log=%v", err, c.log)
	}
}

// Closing midway runs the cleanup of the state the conn is in.
func TestConnCloseMidway(t *testing.T) {
	c := escape.Heap(dial())
	c.Step() // dialing -> open
	if err := c.Close(); err != nil || !reflect.DeepEqual(c.log, []string{"close"}) {
		t.Errorf("close while open: err=%v log=%v, want the open state's cleanup", err, c.log)
	}
	if !c.Step() {
		t.Error("a closed conn still steps")
	}
}

// An accepted conn is open: one step closes it.
func TestConnAccepted(t *testing.T) {
	c := escape.Heap(accepted())
	if c.Step() {
		t.Fatal("an open conn is done")
	}
	if !c.Step() {
		t.Error("a closed conn still steps")
	}
}

func TestBatcher(t *testing.T) {
	b := escape.Heap(new(Batcher[string]))
	var got []bool
	for _, s := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		got = append(got, b.Add(s))
	}
	want := []bool{false, false, false, false, true, true, false} // full, then flushed, then filling again
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Add results = %v, want %v", got, want)
	}
}

func TestTagLexer(t *testing.T) {
	l := escape.Heap(&tagLexer{in: "a<b>c<d>"})
	steps := 0
	for l.next() {
		steps++
	}
	if l.tags != 2 || steps != 5 {
		t.Errorf("tags = %d, steps = %d; want 2 and 5", l.tags, steps)
	}
}

// The benchmarks drive each machine as its users do, through its methods;
// docs/performance.md compares them before and after the rewrite.

type poller interface{ Poll(cx *Context) bool }

func BenchmarkFrameReader(b *testing.B) {
	buf := make([]byte, 64)
	cx := escape.Heap(new(Context))
	for i := 0; i < b.N; i++ {
		var p poller = escape.Heap(newFrameReader(buf))
		for !p.Poll(cx) {
		}
	}
}

func BenchmarkConn(b *testing.B) {
	for i := 0; i < b.N; i++ {
		c := escape.Heap(dial())
		for !c.Step() {
		}
		c.Close()
	}
}

func BenchmarkBatcher(b *testing.B) {
	bt := escape.Heap(new(Batcher[int]))
	for i := 0; i < b.N; i++ {
		bt.Add(i)
	}
}

func BenchmarkTagLexer(b *testing.B) {
	const in = "<a><b>text<c>more text<d><e>and the rest of it<f>"
	for i := 0; i < b.N; i++ {
		l := escape.Heap(&tagLexer{in: in})
		for l.next() {
		}
	}
}
