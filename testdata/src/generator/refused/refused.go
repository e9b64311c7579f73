// Package refused holds channel generators generator reports without a
// fix, with -generator.all, each saying why: the rewrite would break
// callers it cannot see, or change what the program does.
package refused

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Words is exported: other packages' callers would break.
func Words(s string) <-chan string { // want `^channel generator Words: .*; no fix: Words is exported, and callers in other packages would break if its result changed \(add an iterator function beside it for them to move to\) at refused\.go:18 \(fsmvet help generator\)$`
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, w := range strings.Fields(s) {
			ch <- w
		}
	}()
	return ch
}

// Lister has an exported generator method.
type Lister struct{ items []string }

// Items is an exported method.
func (l *Lister) Items() <-chan string { // want `^channel generator \(\*Lister\)\.Items: .*; no fix: \(\*Lister\)\.Items is exported, and callers in other packages would break if its result changed \(add an iterator function beside it for them to move to\) at refused\.go:33 \(fsmvet help generator\)$`
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, it := range l.items {
			ch <- it
		}
	}()
	return ch
}

// stream may implement streamer.
type stream struct{ n int }

type streamer interface{ ints() <-chan int }

func (s stream) ints() <-chan int { // want `^channel generator stream\.ints: .*; no fix: an interface has a method named ints, which stream\.ints may implement at refused\.go:47 \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := range s.n {
			ch <- i
		}
	}()
	return ch
}

// kept is a generator whose callers use the channel in other ways.
func kept(n int) <-chan int { // want `^channel generator kept: .*; no fix: a caller uses the channel other than by ranging over the call at refused\.go:73; a caller uses the channel other than by ranging over the call at refused\.go:74; kept is used as a value, not only called at refused\.go:76; and 1 more \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := range n {
			ch <- i
		}
	}()
	return ch
}

func useKept() (int, int) {
	first := <-kept(3)
	c := kept(2)
	n := len(c)
	f := kept
	for v := range f(1) {
		n += v
	}
	for v := range kept(4) {
		n += v
	}
	select {
	case v := <-kept(1):
		n += v
	}
	return first, n
}

// cancellable selects on a context.
func cancellable(ctx context.Context, n int) <-chan int { // want `^channel generator cancellable: .*; no fix: the goroutine selects at refused\.go:96; the goroutine uses another channel, ctx\.Done\(\) at refused\.go:98; the goroutine calls context\.Context\.Done, which watches for cancellation at refused\.go:98 \(the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency\) \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := range n {
			select {
			case ch <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

// merged receives from another channel.
func merged(in <-chan int) <-chan int { // want `^channel generator merged: .*; no fix: the goroutine uses another channel, in at refused\.go:111 \(the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency\) \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for v := range in {
			ch <- 2 * v
		}
	}()
	return ch
}

// locked takes a lock.
func locked(mu *sync.Mutex, xs []int) <-chan int { // want `^channel generator locked: .*; no fix: the goroutine calls \(\*sync\.Mutex\)\.Lock, which synchronises with other goroutines at refused\.go:124; the goroutine calls \(\*sync\.Mutex\)\.Unlock, which synchronises with other goroutines at refused\.go:126 \(the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency\) \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			mu.Lock()
			v := x
			mu.Unlock()
			ch <- v
		}
	}()
	return ch
}

// lines reads a file: the goroutine overlaps the reads with the loop.
func lines(name string) <-chan string { // want `^channel generator lines: .*; no fix: the goroutine calls os\.Open, which may wait for I/O at refused\.go:138; the goroutine defers a call, which would run when the loop stops, in the loop's goroutine at refused\.go:142; the goroutine calls \(\*os\.File\)\.Close, which may wait for I/O at refused\.go:142; and 1 more \(the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency\) \(fsmvet help generator\)$`
	ch := make(chan string)
	go func() {
		defer close(ch)
		f, err := os.Open(name)
		if err != nil {
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			ch <- sc.Text()
		}
	}()
	return ch
}

// chunks reads from an io.Reader, through its Read method.
func chunks(r io.Reader) <-chan []byte { // want `^channel generator chunks: .*; no fix: the goroutine calls io\.Reader\.Read, which reads from an io\.Reader at refused\.go:158 \(the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency\) \(fsmvet help generator\)$`
	ch := make(chan []byte)
	go func() {
		defer close(ch)
		for {
			buf := make([]byte, 512)
			n, err := r.Read(buf)
			if n > 0 {
				ch <- buf[:n]
			}
			if err != nil {
				return
			}
		}
	}()
	return ch
}

// scanned hands an io.Reader to a scanner.
func scanned(r io.Reader) <-chan string { // want `^channel generator scanned: .*; no fix: the goroutine hands r \(io\.Reader\) to a call, which may wait for input at refused\.go:175 \(the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency\) \(fsmvet help generator\)$`
	ch := make(chan string)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			ch <- sc.Text()
		}
	}()
	return ch
}

// runeReader reads from a concrete type, whose Read implements io.Reader.
func runes(sr *strings.Reader) <-chan byte { // want `^channel generator runes: .*; no fix: the goroutine calls \(\*strings\.Reader\)\.Read, which reads from an io\.Reader at refused\.go:190 \(the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency\) \(fsmvet help generator\)$`
	ch := make(chan byte)
	go func() {
		defer close(ch)
		b := make([]byte, 1)
		for {
			if _, err := sr.Read(b); err != nil {
				return
			}
			ch <- b[0]
		}
	}()
	return ch
}

// ticks sleeps between values.
func ticks(n int) <-chan int { // want `^channel generator ticks: .*; no fix: the goroutine sleeps at refused\.go:205 \(the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency\) \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := range n {
			time.Sleep(time.Millisecond)
			ch <- i
		}
	}()
	return ch
}

// spread starts more goroutines.
func spread(xs []int) <-chan int { // want `^channel generator spread: .*; no fix: the goroutine uses another channel, make\(chan bool\) at refused\.go:217; the goroutine starts another goroutine at refused\.go:218; the goroutine uses another channel, done at refused\.go:218; and 1 more \(the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency\) \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		done := make(chan bool)
		go func() { done <- true }()
		<-done
		for _, x := range xs {
			ch <- x
		}
	}()
	return ch
}

func use() {
	for range Words("") {
	}
	for range (&Lister{}).Items() {
	}
	for range (stream{}).ints() {
	}
	for range cancellable(context.Background(), 1) {
	}
	for range merged(nil) {
	}
	for range locked(nil, nil) {
	}
	for range lines("") {
	}
	for range chunks(nil) {
	}
	for range scanned(nil) {
	}
	for range runes(nil) {
	}
	for range ticks(0) {
	}
	for range spread(nil) {
	}
}

// config reads a file before its goroutine starts.
func config(name string) <-chan string { // want `^channel generator config: .*; no fix: config calls os\.ReadFile, which may wait for I/O at refused\.go:256 \(the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency\) \(fsmvet help generator\)$`
	data, _ := os.ReadFile(name)
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, l := range strings.Split(string(data), "\n") {
			ch <- l
		}
	}()
	return ch
}

// commands runs a command: os/exec is under os.
func commands(name string) <-chan []byte { // want `^channel generator commands: .*; no fix: the goroutine calls exec\.Command, which may wait for I/O at refused\.go:272 \(the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency\) \(fsmvet help generator\)$`
	ch := make(chan []byte)
	go func() {
		defer close(ch)
		cmd := exec.Command(name)
		ch <- []byte(cmd.Path)
	}()
	return ch
}

func useMore() {
	for range config("") {
	}
	for range commands("") {
	}
}

// A namedReader is an io.Reader with a name.
type namedReader interface {
	io.Reader
	Name() string
}

// names calls a method of a reader other than Read: the call hands on
// its receiver, which may wait for input.
func names(r namedReader) <-chan string { // want `^channel generator names: .*; no fix: the goroutine hands r \(namedReader\) to a call, which may wait for input at refused\.go:297 \(the goroutine may run beside the loop on purpose, to overlap waiting with work; the rewrite would end that: it changes concurrency\) \(fsmvet help generator\)$`
	ch := make(chan string)
	go func() {
		defer close(ch)
		ch <- r.Name()
	}()
	return ch
}

func useNames() {
	for range names(nil) {
	}
}
