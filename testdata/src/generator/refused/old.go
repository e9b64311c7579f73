//go:build go1.21

package refused

// old is in a file whose Go version cannot range over a function.
func old(n int) <-chan int { // want `^channel generator old: .*; no fix: the file's Go version is below 1\.23, which ranging over a function needs at old\.go:6 \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	return ch
}

func useOld() {
	for range old(1) {
	}
}
