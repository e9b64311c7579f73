package parsetest

import (
	"fmt"
	"reflect"
	"syscall"
	"testing"
)

// A Parser is what every form of the parser offers.
type Parser interface {
	Parse(data []byte) (int, error)
	Reset()
}

// New makes a parser that calls handle with a copy of each request.
type New func(handle func(Request)) Parser

// parse feeds the pieces to a new parser in turn, as a connection would,
// and returns the requests it handled, the bytes it consumed and the
// error it stopped at.
func parse(newParser New, pieces ...string) (got []Request, n int, err error) {
	p := newParser(func(r Request) { got = append(got, r) })
	for _, piece := range pieces {
		m, err := p.Parse([]byte(piece))
		n += m
		if err != nil {
			return got, n, err
		}
		if m != len(piece) {
			return got, n, fmt.Errorf("parse consumed %d of %d bytes and returned no error", m, len(piece))
		}
	}
	return got, n, nil
}

// splits returns in whole, one byte at a time, and in two pieces split
// at every byte, each as a name and the pieces.
func splits(in string) (names []string, pieces [][]string) {
	names = append(names, "whole")
	pieces = append(pieces, []string{in})
	bytewise := make([]string, len(in))
	for i := range len(in) { // bytes, not runes
		bytewise[i] = in[i : i+1]
	}
	names = append(names, "byte at a time")
	pieces = append(pieces, bytewise)
	for i := 1; i < len(in); i++ {
		names = append(names, fmt.Sprintf("split at %d", i))
		pieces = append(pieces, []string{in[:i], in[i:]})
	}
	return names, pieces
}

// TestCorpus parses each case of the corpus whole, a byte at a time and
// split at every byte.
func TestCorpus(t *testing.T, newParser New) {
	for _, c := range Corpus {
		t.Run(c.Name, func(t *testing.T) {
			checkRequests(t, newParser, c.In, c.Want)
		})
	}
}

// TestPipelined parses the whole corpus as one connection's bytes.
func TestPipelined(t *testing.T, newParser New) {
	var in string
	var want []Request
	for _, c := range Corpus {
		in += c.In
		want = append(want, c.Want...)
	}
	checkRequests(t, newParser, in, want)
}

func checkRequests(t *testing.T, newParser New, in string, want []Request) {
	t.Helper()
	names, pieces := splits(in)
	for i, p := range pieces {
		got, n, err := parse(newParser, p...)
		if err != nil {
			t.Fatalf("%s: error %v after %d bytes", names[i], err, n)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: parsed\n%+v\nwant\n%+v", names[i], got, want)
		}
	}
}

// TestErrors parses each malformed input whole, a byte at a time and
// split at every byte: the error must stop the parser at the byte in
// error, after the requests before it; the parser then returns the same
// error until Reset, and after Reset parses a request.
func TestErrors(t *testing.T, newParser New) {
	for _, c := range Errors {
		t.Run(c.Name, func(t *testing.T) {
			names, pieces := splits(c.In)
			for i, p := range pieces {
				got, n, err := parse(newParser, p...)
				if err == nil || err.Error() != c.Err || n != c.At {
					t.Fatalf("%s: error %v after %d bytes, want %q after %d", names[i], err, n, c.Err, c.At)
				}
				if !reflect.DeepEqual(got, c.Want) {
					t.Fatalf("%s: parsed\n%+v\nbefore the error, want\n%+v", names[i], got, c.Want)
				}
			}
			checkStopped(t, newParser, c)
		})
	}
}

// checkStopped checks that a parser that met an error returns it again,
// consuming nothing, and that Reset makes it ready for a new request.
func checkStopped(t *testing.T, newParser New, c ErrorCase) {
	t.Helper()
	var got []Request
	p := newParser(func(r Request) { got = append(got, r) })
	_, first := p.Parse([]byte(c.In))
	if n, err := p.Parse([]byte("GET / HTTP/1.1\r\n\r\n")); n != 0 || err != first {
		t.Errorf("after %v: Parse = %d, %v; want 0 and the same error", first, n, err)
	}
	p.Reset()
	got = nil
	if n, err := p.Parse([]byte("GET /again HTTP/1.1\r\n\r\n")); n != 23 || err != nil || len(got) != 1 || got[0].Path != "/again" {
		t.Errorf("after Reset: Parse = %d, %v, handled %+v; want 23, no error, GET /again", n, err, got)
	}
}

// TestCorrupt checks that a parser in no known state, such as the zero
// Parser, panics at its first byte rather than parsing anything.
func TestCorrupt(t *testing.T, zero Parser) {
	defer func() {
		if r := recover(); r != CorruptPanic {
			t.Errorf("recovered %v, want %q", r, CorruptPanic)
		}
	}()
	n, err := zero.Parse([]byte("GET / HTTP/1.1\r\n\r\n"))
	t.Errorf("a parser in no known state returned %d, %v; want a panic", n, err)
}

// BenchRequests is how many requests BenchInput holds.
const BenchRequests = 50

// BenchInput returns 50 pipelined requests: the well-formed corpus,
// cycled.
func BenchInput() []byte {
	var in []byte
	n := 0
	for i := 0; n < BenchRequests; i++ {
		c := Corpus[i%len(Corpus)]
		if n+len(c.Want) > BenchRequests {
			continue
		}
		in = append(in, c.In...)
		n += len(c.Want)
	}
	return in
}

// Benchmark parses BenchInput b.N times with one parser, as a server
// reads the requests of a long connection. newParser's parser counts the
// requests it handles in *handled. The parser parses the input once
// before the timer starts, so that its buffers have grown: an allocation
// per op is then the dispatch's.
func Benchmark(b *testing.B, newParser func(handled *int) Parser) {
	in := BenchInput()
	handled := 0
	p := newParser(&handled)
	if _, err := p.Parse(in); err != nil {
		b.Fatal(err)
	}
	handled = 0
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	loops := 0
	cpu := cpuTime()
	for b.Loop() {
		if n, err := p.Parse(in); n != len(in) || err != nil {
			b.Fatalf("Parse = %d, %v; want %d and no error", n, err, len(in))
		}
		loops++
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(loops), "cpu-ns/op")
	if handled != loops*BenchRequests {
		b.Fatalf("handled %d requests in %d loops, want %d", handled, loops, loops*BenchRequests)
	}
}

// cpuTime returns the CPU time the process has used, in nanoseconds: on a
// machine shared with other work it leaves out the time the benchmark
// waited for a CPU, which its wall time counts.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
