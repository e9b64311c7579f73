// Package httpparse is an incremental HTTP/1.1 request parser. It is fed
// a connection's bytes as they arrive, in pieces of any size, and calls a
// handler with each complete request: its request line, its header fields
// and a body of Content-Length bytes. Like llhttp and Node's http-parser
// it moves through a state machine one byte at a time, so a request split
// anywhere parses the same, and pipelined requests simply follow one
// another.
//
// Transfer-Encoding (chunked bodies) is not supported: a request that has
// one is rejected.
package httpparse

import "errors"

const (
	// MaxHeadBytes bounds what a request's method, target and header
	// fields may hold, not counting the spaces and line endings the
	// parser drops.
	MaxHeadBytes = 8 << 10
	// MaxBodyBytes bounds Content-Length.
	MaxBodyBytes = 1 << 20
)

// The errors Parse returns, at the byte that is wrong.
var (
	ErrMethod           = errors.New("httpparse: invalid byte in method")
	ErrTarget           = errors.New("httpparse: invalid byte in request target")
	ErrVersion          = errors.New("httpparse: invalid HTTP version")
	ErrLineEnding       = errors.New("httpparse: invalid line ending")
	ErrHeaderName       = errors.New("httpparse: invalid byte in header name")
	ErrHeaderValue      = errors.New("httpparse: invalid byte in header value")
	ErrObsFold          = errors.New("httpparse: obsolete line folding")
	ErrContentLength    = errors.New("httpparse: invalid Content-Length")
	ErrTransferEncoding = errors.New("httpparse: Transfer-Encoding is not supported")
	ErrHeadTooLarge     = errors.New("httpparse: request head too large")
	ErrBodyTooLarge     = errors.New("httpparse: request body too large")
)

// A Request is what the handler is given. Its slices point into the
// parser's buffer and are valid only until the handler returns.
type Request struct {
	Method        []byte
	Path          []byte // the request target up to the first '?'
	Query         []byte // the request target after the first '?'
	Major, Minor  int    // the HTTP version
	Headers       []Header
	ContentLength int64
	Body          []byte
}

// A Header is one header field, its value without surrounding whitespace.
type Header struct {
	Name, Value []byte
}

// state is where the parser is in a request.
type state func(p *Parser, c byte) error

// A field is a header field, as offsets into the parser's buffer: the
// name is buf[name:value], the value buf[value:end].
type field struct {
	name, value, end int
}

// A Parser reads the requests of one connection. Make it with NewParser;
// the zero Parser is not ready to parse and panics.
type Parser struct {
	state   state
	handler func(*Request)
	err     error // the error that stopped the parser, returned again

	buf           []byte // the current request's method, target, header fields and body
	methodEnd     int    // the method is buf[:methodEnd]
	pathEnd       int    // the path is buf[methodEnd:pathEnd]
	queryEnd      int    // the query is buf[pathEnd:queryEnd]
	fields        []field
	name          int   // where the header name being read starts
	value         int   // where its value starts
	valueEnd      int   // where its value ends, without trailing whitespace
	bodyStart     int   // the body is buf[bodyStart:]
	contentLength int64 // -1 until a Content-Length field
	remaining     int64 // body bytes still to read
	req           Request
}

// NewParser returns a parser that calls handler with each request.
func NewParser(handler func(*Request)) *Parser {
	p := &Parser{handler: handler}
	p.Reset()
	return p
}

// Reset discards any partial request and error, so that the parser can
// read a new connection.
func (p *Parser) Reset() {
	p.state = sStart
	p.err = nil
	p.buf = p.buf[:0]
	p.fields = p.fields[:0]
	p.contentLength = -1
}

// Parse reads data, calling the handler for each request it completes,
// and returns how many bytes it consumed: all of them, or those before
// the byte in error. After an error, Parse returns it again until Reset.
func (p *Parser) Parse(data []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	if p.state == nil {
		p.state = stateZero // the zero value
	}
	for i, c := range data {
		if err := p.state(p, c); err != nil {
			p.err = err
			return i, err
		}
	}
	return len(data), nil
}

// sStart runs the "case sStart:" clause of the former (*Parser).step.
func sStart(p *Parser, c byte) error {
	if c == '\r' {
		p.state = sStartLF
		return nil
	}
	if !isToken(c) {
		return ErrMethod
	}
	p.state = sMethod
	return p.add(c)
}

// sStartLF runs the "case sStartLF:" clause of the former (*Parser).step.
func sStartLF(p *Parser, c byte) error {
	if c != '\n' {
		return ErrLineEnding
	}
	p.state = sStart
	return nil
}

// sMethod runs the "case sMethod:" clause of the former (*Parser).step.
func sMethod(p *Parser, c byte) error {
	if c == ' ' {
		p.methodEnd = len(p.buf)
		p.state = sTargetStart
		return nil
	}
	if !isToken(c) {
		return ErrMethod
	}
	return p.add(c)
}

// sTargetStart runs the "case sTargetStart:" clause of the former (*Parser).step.
func sTargetStart(p *Parser, c byte) error {
	// origin-form (/path), asterisk-form (*), absolute-form
	// (http://host/path) or authority-form (host:port)
	if c != '/' && c != '*' && !isAlpha(c) {
		return ErrTarget
	}
	p.state = sPath
	return p.add(c)
}

// sPath runs the "case sPath:" clause of the former (*Parser).step.
func sPath(p *Parser, c byte) error {
	switch {
	case c == ' ':
		p.pathEnd = len(p.buf)
		p.queryEnd = len(p.buf)
		p.state = sVersionH
		return nil
	case c == '?':
		p.pathEnd = len(p.buf)
		p.state = sQuery
		return nil
	case !isTarget(c):
		return ErrTarget
	}
	return p.add(c)
}

// sQuery runs the "case sQuery:" clause of the former (*Parser).step.
func sQuery(p *Parser, c byte) error {
	if c == ' ' {
		p.queryEnd = len(p.buf)
		p.state = sVersionH
		return nil
	}
	if !isTarget(c) {
		return ErrTarget
	}
	return p.add(c)
}

// sVersionH runs the "case sVersionH:" clause of the former (*Parser).step.
func sVersionH(p *Parser, c byte) error {
	if c != 'H' {
		return ErrVersion
	}
	p.state = sVersionT1
	return nil
}

// sVersionT1 runs the "case sVersionT1:" clause of the former (*Parser).step.
func sVersionT1(p *Parser, c byte) error {
	if c != 'T' {
		return ErrVersion
	}
	p.state = sVersionT2
	return nil
}

// sVersionT2 runs the "case sVersionT2:" clause of the former (*Parser).step.
func sVersionT2(p *Parser, c byte) error {
	if c != 'T' {
		return ErrVersion
	}
	p.state = sVersionP
	return nil
}

// sVersionP runs the "case sVersionP:" clause of the former (*Parser).step.
func sVersionP(p *Parser, c byte) error {
	if c != 'P' {
		return ErrVersion
	}
	p.state = sVersionSlash
	return nil
}

// sVersionSlash runs the "case sVersionSlash:" clause of the former (*Parser).step.
func sVersionSlash(p *Parser, c byte) error {
	if c != '/' {
		return ErrVersion
	}
	p.state = sVersionMajor
	return nil
}

// sVersionMajor runs the "case sVersionMajor:" clause of the former (*Parser).step.
func sVersionMajor(p *Parser, c byte) error {
	if c != '1' {
		return ErrVersion
	}
	p.req.Major = 1
	p.state = sVersionDot
	return nil
}

// sVersionDot runs the "case sVersionDot:" clause of the former (*Parser).step.
func sVersionDot(p *Parser, c byte) error {
	if c != '.' {
		return ErrVersion
	}
	p.state = sVersionMinor
	return nil
}

// sVersionMinor runs the "case sVersionMinor:" clause of the former (*Parser).step.
func sVersionMinor(p *Parser, c byte) error {
	if !isDigit(c) {
		return ErrVersion
	}
	p.req.Minor = int(c - '0')
	p.state = sRequestLineCR
	return nil
}

// sRequestLineCR runs the "case sRequestLineCR:" clause of the former (*Parser).step.
func sRequestLineCR(p *Parser, c byte) error {
	if c != '\r' {
		return ErrLineEnding
	}
	p.state = sRequestLineLF
	return nil
}

// sRequestLineLF runs the "case sRequestLineLF:" clause of the former (*Parser).step.
func sRequestLineLF(p *Parser, c byte) error {
	if c != '\n' {
		return ErrLineEnding
	}
	p.state = sFieldStart
	return nil
}

// sFieldStart runs the "case sFieldStart:" clause of the former (*Parser).step.
func sFieldStart(p *Parser, c byte) error {
	switch {
	case c == '\r':
		p.state = sHeadersLF
		return nil
	case c == ' ' || c == '\t':
		if len(p.fields) > 0 {
			return ErrObsFold
		}
		return ErrHeaderName
	case !isToken(c):
		return ErrHeaderName
	}
	p.name = len(p.buf)
	p.state = sFieldName
	return p.add(c)
}

// sFieldName runs the "case sFieldName:" clause of the former (*Parser).step.
func sFieldName(p *Parser, c byte) error {
	if c == ':' {
		p.value = len(p.buf)
		p.valueEnd = len(p.buf)
		p.state = sValueStart
		return nil
	}
	if !isToken(c) {
		return ErrHeaderName
	}
	return p.add(c)
}

// sValueStart runs the "case sValueStart:" clause of the former (*Parser).step.
func sValueStart(p *Parser, c byte) error {
	switch {
	case c == ' ' || c == '\t':
		return nil
	case c == '\r':
		p.state = sValueLF
		return p.endField()
	case !isFieldChar(c):
		return ErrHeaderValue
	}
	p.state = sValue
	p.valueEnd = len(p.buf) + 1
	return p.add(c)
}

// sValue runs the "case sValue:" clause of the former (*Parser).step.
func sValue(p *Parser, c byte) error {
	switch {
	case c == '\r':
		p.state = sValueLF
		return p.endField()
	case c == ' ' || c == '\t':
		return p.add(c)
	case !isFieldChar(c):
		return ErrHeaderValue
	}
	p.valueEnd = len(p.buf) + 1
	return p.add(c)
}

// sValueLF runs the "case sValueLF:" clause of the former (*Parser).step.
func sValueLF(p *Parser, c byte) error {
	if c != '\n' {
		return ErrLineEnding
	}
	p.state = sFieldStart
	return nil
}

// sHeadersLF runs the "case sHeadersLF:" clause of the former (*Parser).step.
func sHeadersLF(p *Parser, c byte) error {
	if c != '\n' {
		return ErrLineEnding
	}
	p.bodyStart = len(p.buf)
	if p.contentLength > 0 {
		p.remaining = p.contentLength
		p.state = sBody
		return nil
	}
	p.done()
	return nil
}

// sBody runs the "case sBody:" clause of the former (*Parser).step.
func sBody(p *Parser, c byte) error {
	p.buf = append(p.buf, c)
	p.remaining--
	if p.remaining == 0 {
		p.done()
	}
	return nil
}

// stateZero is the zero value, which no clause of the former (*Parser).step handles.
// It runs the code that followed the switch.
func stateZero(p *Parser, c byte) error {
	panic("httpparse: parser in no known state (not made by NewParser?)")
}

// add appends c to the request head, which may hold MaxHeadBytes.
func (p *Parser) add(c byte) error {
	if len(p.buf) >= MaxHeadBytes {
		return ErrHeadTooLarge
	}
	p.buf = append(p.buf, c)
	return nil
}

// endField records the header field just read, without its value's
// trailing whitespace, and takes note of the fields that frame the body.
func (p *Parser) endField() error {
	p.buf = p.buf[:p.valueEnd]
	f := field{name: p.name, value: p.value, end: p.valueEnd}
	p.fields = append(p.fields, f)
	name := p.buf[f.name:f.value]
	switch {
	case equalFold(name, "content-length"):
		n, ok := parseContentLength(p.buf[f.value:f.end])
		if !ok || p.contentLength >= 0 && n != p.contentLength {
			return ErrContentLength
		}
		if n > MaxBodyBytes {
			return ErrBodyTooLarge
		}
		p.contentLength = n
	case equalFold(name, "transfer-encoding"):
		return ErrTransferEncoding
	}
	return nil
}

// done hands the request read to the handler and makes ready for the
// next one.
func (p *Parser) done() {
	r := &p.req
	r.Method = p.buf[:p.methodEnd]
	r.Path = p.buf[p.methodEnd:p.pathEnd]
	r.Query = p.buf[p.pathEnd:p.queryEnd]
	r.Headers = r.Headers[:0]
	for _, f := range p.fields {
		r.Headers = append(r.Headers, Header{Name: p.buf[f.name:f.value], Value: p.buf[f.value:f.end]})
	}
	r.ContentLength = max(p.contentLength, 0)
	r.Body = p.buf[p.bodyStart:]
	p.handler(r)
	p.Reset()
}

// parseContentLength parses a Content-Length value: decimal digits, at
// most MaxBodyBytes+1 if larger.
func parseContentLength(b []byte) (int64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if !isDigit(c) {
			return 0, false
		}
		n = min(n*10+int64(c-'0'), MaxBodyBytes+1)
	}
	return n, true
}

// equalFold reports whether the token b is lower, ignoring ASCII case.
func equalFold(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// The byte classes of RFC 9110 and RFC 3986 the parser tests.
const (
	cToken  = 1 << iota // tchar: a method or header name
	cTarget             // a request target: visible ASCII
	cField              // field-vchar: visible ASCII and obs-text
	cAlpha
	cDigit
)

var classes = func() (t [256]uint8) {
	for c := 0x21; c < 0x7f; c++ {
		t[c] |= cTarget | cField
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] |= cField
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= cToken | cAlpha
		t[c-'a'+'A'] |= cToken | cAlpha
	}
	for c := '0'; c <= '9'; c++ {
		t[c] |= cToken | cDigit
	}
	for _, c := range []byte("!#$%&'*+-.^_`|~") {
		t[c] |= cToken
	}
	return t
}()

func isToken(c byte) bool     { return classes[c]&cToken != 0 }
func isTarget(c byte) bool    { return classes[c]&cTarget != 0 }
func isFieldChar(c byte) bool { return classes[c]&cField != 0 }
func isAlpha(c byte) bool     { return classes[c]&cAlpha != 0 }
func isDigit(c byte) bool     { return classes[c]&cDigit != 0 }
