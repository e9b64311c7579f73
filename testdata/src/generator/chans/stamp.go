package chans

import "time"

// stamped is a pair whose first field's type the file that declares it
// imports, and the generator's file below does not.
type stamped struct {
	at time.Duration
	n  int
}

func (s stamped) seconds() float64 { return s.at.Seconds() }
