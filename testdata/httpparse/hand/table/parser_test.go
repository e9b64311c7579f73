package httpparse

import (
	"fmt"
	"testing"

	"example.com/httpparse/parsetest"
)

// newParser adapts NewParser to the shared tests: each request is copied
// out of the parser's buffer, which the next request reuses.
func newParser(handle func(parsetest.Request)) parsetest.Parser {
	return NewParser(func(r *Request) {
		c := parsetest.Request{
			Method:        string(r.Method),
			Path:          string(r.Path),
			Query:         string(r.Query),
			Version:       fmt.Sprintf("%d.%d", r.Major, r.Minor),
			ContentLength: r.ContentLength,
			Body:          string(r.Body),
		}
		for _, h := range r.Headers {
			c.Headers = append(c.Headers, [2]string{string(h.Name), string(h.Value)})
		}
		handle(c)
	})
}

func TestCorpus(t *testing.T)    { parsetest.TestCorpus(t, newParser) }
func TestPipelined(t *testing.T) { parsetest.TestPipelined(t, newParser) }
func TestErrors(t *testing.T)    { parsetest.TestErrors(t, newParser) }

// TestCorrupt: the zero Parser is in no known state, and must panic
// rather than parse.
func TestCorrupt(t *testing.T) { parsetest.TestCorrupt(t, new(Parser)) }

func BenchmarkParse(b *testing.B) {
	parsetest.Benchmark(b, func(handled *int) parsetest.Parser {
		return NewParser(func(*Request) { *handled++ })
	})
}
