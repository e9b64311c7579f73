// Package bench holds the two generators docs/performance.md measures,
// before and after their fix: words from a goroutine over a channel, and
// a sum over iter.Pull.
package bench

// words sends the space- or newline-separated words of s, one at a time,
// from a goroutine.
func words(s string) <-chan string { // want `^channel generator words: .*; fix: .*$`
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

// countWords counts the words of s.
func countWords(s string) int {
	n := 0
	for range words(s) {
		n++
	}
	return n
}
