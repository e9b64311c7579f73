// Package flate (pollimpls/x/flate) shares its name with pollimpls/flate;
// both implement poll.Decoder.
package flate

import "polltasks"

// A switch-dispatched machine whose rewrite is blocked: a case sets
// done, a local of Decode, and done compares the field outside the
// consumer switch.
type decState int

const (
	decData decState = iota
	decDone
)

type Decompressor struct{ state decState }

func (d *Decompressor) Decode(cx *polltasks.Context) bool {
	done := true
	switch d.state {
	case decData:
		d.state = decDone
		done = false
	}
	return done
}

func (d *Decompressor) done() bool { return d.state == decDone }
