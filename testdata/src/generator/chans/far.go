package chans

// ticks sends stamped counts; its file cannot name time.Duration, so it
// stays an iter.Seq of the struct rather than an iter.Seq2.
func ticks(n int) <-chan stamped { // want `^channel generator ticks: .*; fix: return an iter\.Seq\[stamped\] .*$`
	ch := make(chan stamped)
	go func() {
		defer close(ch)
		for i := range n {
			ch <- stamped{0, i}
		}
	}()
	return ch
}

func countTicks(n int) int {
	c := 0
	for t := range ticks(n) {
		c += t.n
	}
	return c
}

// source implements io.Reader, and has another method, next: only its
// Read reads input, so a generator calling next alone is rewritten.
type source struct{ words []string }

func (s *source) Read(p []byte) (int, error) { return 0, nil }

func (s *source) next() (string, bool) {
	if len(s.words) == 0 {
		return "", false
	}
	w := s.words[0]
	s.words = s.words[1:]
	return w, true
}

func (s *source) all() <-chan string { // want `^channel generator \(\*source\)\.all: .*; fix: return an iter\.Seq\[string\] .*$`
	ch := make(chan string)
	go func() {
		defer close(ch)
		for {
			w, ok := s.next()
			if !ok {
				return
			}
			ch <- w
		}
	}()
	return ch
}

func drainSource(s *source) int {
	n := 0
	for range s.all() {
		n++
	}
	return n
}
