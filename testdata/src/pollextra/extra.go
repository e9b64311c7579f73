// Package pollextra implements poll.Task; only poll's tests import it.
package pollextra

import "polltasks"

type Spinner struct{ N int }

func (s *Spinner) Poll(cx *polltasks.Context) bool { s.N++; return s.N > 2 }
