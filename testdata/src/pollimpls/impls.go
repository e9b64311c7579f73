// Package pollimpls implements the interfaces of the poll and pollall
// fixtures: a machine whose rewrite is blocked, machines already in
// transition-pointer form, and plain types. Its packages pollimpls/flate
// and pollimpls/x/flate share a name.
package pollimpls

import "polltasks"

// A switch-dispatched machine whose rewrite is blocked: a case sets done,
// a local of Flush, and Done compares the field outside the consumer
// switch.
type flushState int

const (
	flushData flushState = iota
	flushDone
)

type Flusher struct{ state flushState }

func (f *Flusher) Flush(cx *polltasks.Context) bool {
	done := true
	switch f.state {
	case flushData:
		f.state = flushDone
		done = false
	}
	return done
}

func (f *Flusher) Done() bool { return f.state == flushDone }

// Two machines in transition-pointer form.
type Ticker struct {
	step func(*Ticker, *polltasks.Context) bool
	n    int
}

func (t *Ticker) Tick(cx *polltasks.Context) bool { return t.step(t, cx) }

func NewTicker(n int) *Ticker { return &Ticker{n: n, step: tickCount} }

func tickCount(t *Ticker, cx *polltasks.Context) bool {
	if t.n--; t.n <= 0 {
		t.step = tickDone
	}
	return false
}

func tickDone(t *Ticker, cx *polltasks.Context) bool { return true }

type Clock struct {
	step func(*Clock, *polltasks.Context) bool
}

func (c *Clock) Tick(cx *polltasks.Context) bool { return c.step(c, cx) }

func NewClock() *Clock { return &Clock{step: clockTick} }

func clockTick(c *Clock, cx *polltasks.Context) bool {
	c.step = clockDone
	return false
}

func clockDone(c *Clock, cx *polltasks.Context) bool { return true }

// Plain decoders.
type Raw struct{ left int }

func (r *Raw) Decode(cx *polltasks.Context) bool { r.left--; return r.left <= 0 }

func (r *Raw) Reset() { r.left = 0 }

type Stored struct{ left int }

func (s *Stored) Decode(cx *polltasks.Context) bool { s.left--; return s.left <= 0 }

type Zero struct{}

func (Zero) Decode(cx *polltasks.Context) bool { return true }
