// Package flate (pollimpls/flate) shares its name with pollimpls/x/flate;
// both implement poll.Decoder.
package flate

import "polltasks"

// A switch-dispatched machine fsmswitch offers to rewrite.
type decState int

const (
	decHeader decState = iota
	decBlock
	decDone
)

type Decompressor struct {
	state decState
	n     int
}

func (d *Decompressor) Decode(cx *polltasks.Context) bool {
	switch d.state {
	case decHeader:
		d.state = decBlock
	case decBlock:
		d.n++
		if d.n == 3 {
			d.state = decDone
		}
	default:
		return true
	}
	return false
}

// A machine in transition-pointer form.
type Inflater struct {
	step func(*Inflater, *polltasks.Context) bool
}

func (f *Inflater) Decode(cx *polltasks.Context) bool { return f.step(f, cx) }

func newInflater() *Inflater { return &Inflater{step: inflateBlock} }

func inflateBlock(f *Inflater, cx *polltasks.Context) bool {
	f.step = inflateDone
	return false
}

func inflateDone(f *Inflater, cx *polltasks.Context) bool { return true }

var _ = newInflater
