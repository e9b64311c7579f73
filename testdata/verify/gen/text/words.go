// Package text holds the two generators fsmvet verify measures: the words
// of a text sent from a goroutine over a channel, and a sum over
// iter.Pull. Each has a test and a benchmark that reaches it, and only
// it.
package text

// words sends the space- or newline-separated words of s, one at a time,
// from a goroutine.
func words(s string) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		start := -1
		for i := 0; i < len(s); i++ {
			if s[i] != ' ' && s[i] != '\n' {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				ch <- s[start:i]
				start = -1
			}
		}
		if start >= 0 {
			ch <- s[start:]
		}
	}()
	return ch
}

// CountWords counts the words of s.
func CountWords(s string) int {
	n := 0
	for range words(s) {
		n++
	}
	return n
}
