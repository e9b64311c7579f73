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

// A stateFn is where the parser is in a request: the function that reads
// the next byte and returns the state after it.
type stateFn func(p *Parser, c byte) (stateFn, error)

// A field is a header field, as offsets into the parser's buffer: the
// name is buf[name:value], the value buf[value:end].
type field struct {
	name, value, end int
}

// A Parser reads the requests of one connection. Make it with NewParser;
// the zero Parser is not ready to parse and panics.
type Parser struct {
	state   stateFn
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
	p.state = stateStart
	p.err = nil
	p.clear()
}

// clear makes ready for the next request.
func (p *Parser) clear() {
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
	state := p.state
	if state == nil {
		panic("httpparse: parser in no known state (not made by NewParser?)")
	}
	for i, c := range data {
		next, err := state(p, c)
		if err != nil {
			p.state = state
			p.err = err
			return i, err
		}
		state = next
	}
	p.state = state
	return len(data), nil
}

// stateStart: before a request; empty lines are skipped.
func stateStart(p *Parser, c byte) (stateFn, error) {
	if c == '\r' {
		return stateStartLF, nil
	}
	if !isToken(c) {
		return nil, ErrMethod
	}
	return stateMethod, p.add(c)
}

// stateStartLF: an empty line's CR was read.
func stateStartLF(p *Parser, c byte) (stateFn, error) {
	if c != '\n' {
		return nil, ErrLineEnding
	}
	return stateStart, nil
}

// stateMethod: in the method.
func stateMethod(p *Parser, c byte) (stateFn, error) {
	if c == ' ' {
		p.methodEnd = len(p.buf)
		return stateTargetStart, nil
	}
	if !isToken(c) {
		return nil, ErrMethod
	}
	return stateMethod, p.add(c)
}

// stateTargetStart: at the request target's first byte.
func stateTargetStart(p *Parser, c byte) (stateFn, error) {
	// origin-form (/path), asterisk-form (*), absolute-form
	// (http://host/path) or authority-form (host:port)
	if c != '/' && c != '*' && !isAlpha(c) {
		return nil, ErrTarget
	}
	return statePath, p.add(c)
}

// statePath: in the target's path.
func statePath(p *Parser, c byte) (stateFn, error) {
	switch {
	case c == ' ':
		p.pathEnd = len(p.buf)
		p.queryEnd = len(p.buf)
		return stateVersionH, nil
	case c == '?':
		p.pathEnd = len(p.buf)
		return stateQuery, nil
	case !isTarget(c):
		return nil, ErrTarget
	}
	return statePath, p.add(c)
}

// stateQuery: in the target's query.
func stateQuery(p *Parser, c byte) (stateFn, error) {
	if c == ' ' {
		p.queryEnd = len(p.buf)
		return stateVersionH, nil
	}
	if !isTarget(c) {
		return nil, ErrTarget
	}
	return stateQuery, p.add(c)
}

// stateVersionH: "HTTP/1.1", at H.
func stateVersionH(p *Parser, c byte) (stateFn, error) {
	if c != 'H' {
		return nil, ErrVersion
	}
	return stateVersionT1, nil
}

// stateVersionT1: at the first T.
func stateVersionT1(p *Parser, c byte) (stateFn, error) {
	if c != 'T' {
		return nil, ErrVersion
	}
	return stateVersionT2, nil
}

// stateVersionT2: at the second T.
func stateVersionT2(p *Parser, c byte) (stateFn, error) {
	if c != 'T' {
		return nil, ErrVersion
	}
	return stateVersionP, nil
}

// stateVersionP: at P.
func stateVersionP(p *Parser, c byte) (stateFn, error) {
	if c != 'P' {
		return nil, ErrVersion
	}
	return stateVersionSlash, nil
}

// stateVersionSlash: at /.
func stateVersionSlash(p *Parser, c byte) (stateFn, error) {
	if c != '/' {
		return nil, ErrVersion
	}
	return stateVersionMajor, nil
}

// stateVersionMajor: at the major version.
func stateVersionMajor(p *Parser, c byte) (stateFn, error) {
	if c != '1' {
		return nil, ErrVersion
	}
	p.req.Major = 1
	return stateVersionDot, nil
}

// stateVersionDot: at the dot.
func stateVersionDot(p *Parser, c byte) (stateFn, error) {
	if c != '.' {
		return nil, ErrVersion
	}
	return stateVersionMinor, nil
}

// stateVersionMinor: at the minor version.
func stateVersionMinor(p *Parser, c byte) (stateFn, error) {
	if !isDigit(c) {
		return nil, ErrVersion
	}
	p.req.Minor = int(c - '0')
	return stateRequestLineCR, nil
}

// stateRequestLineCR: at the request line's CR.
func stateRequestLineCR(p *Parser, c byte) (stateFn, error) {
	if c != '\r' {
		return nil, ErrLineEnding
	}
	return stateRequestLineLF, nil
}

// stateRequestLineLF: at its LF.
func stateRequestLineLF(p *Parser, c byte) (stateFn, error) {
	if c != '\n' {
		return nil, ErrLineEnding
	}
	return stateFieldStart, nil
}

// stateFieldStart: at a header field's first byte, or the head's last CR.
func stateFieldStart(p *Parser, c byte) (stateFn, error) {
	switch {
	case c == '\r':
		return stateHeadersLF, nil
	case c == ' ' || c == '\t':
		if len(p.fields) > 0 {
			return nil, ErrObsFold
		}
		return nil, ErrHeaderName
	case !isToken(c):
		return nil, ErrHeaderName
	}
	p.name = len(p.buf)
	return stateFieldName, p.add(c)
}

// stateFieldName: in a header name.
func stateFieldName(p *Parser, c byte) (stateFn, error) {
	if c == ':' {
		p.value = len(p.buf)
		p.valueEnd = len(p.buf)
		return stateValueStart, nil
	}
	if !isToken(c) {
		return nil, ErrHeaderName
	}
	return stateFieldName, p.add(c)
}

// stateValueStart: in the whitespace before a header value.
func stateValueStart(p *Parser, c byte) (stateFn, error) {
	switch {
	case c == ' ' || c == '\t':
		return stateValueStart, nil
	case c == '\r':
		return stateValueLF, p.endField()
	case !isFieldChar(c):
		return nil, ErrHeaderValue
	}
	p.valueEnd = len(p.buf) + 1
	return stateValue, p.add(c)
}

// stateValue: in a header value.
func stateValue(p *Parser, c byte) (stateFn, error) {
	switch {
	case c == '\r':
		return stateValueLF, p.endField()
	case c == ' ' || c == '\t':
		return stateValue, p.add(c)
	case !isFieldChar(c):
		return nil, ErrHeaderValue
	}
	p.valueEnd = len(p.buf) + 1
	return stateValue, p.add(c)
}

// stateValueLF: at a header line's LF.
func stateValueLF(p *Parser, c byte) (stateFn, error) {
	if c != '\n' {
		return nil, ErrLineEnding
	}
	return stateFieldStart, nil
}

// stateHeadersLF: at the head's last LF.
func stateHeadersLF(p *Parser, c byte) (stateFn, error) {
	if c != '\n' {
		return nil, ErrLineEnding
	}
	p.bodyStart = len(p.buf)
	if p.contentLength > 0 {
		p.remaining = p.contentLength
		return stateBody, nil
	}
	p.done()
	return stateStart, nil
}

// stateBody: in the body.
func stateBody(p *Parser, c byte) (stateFn, error) {
	p.buf = append(p.buf, c)
	p.remaining--
	if p.remaining == 0 {
		p.done()
		return stateStart, nil
	}
	return stateBody, nil
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
// next one, which starts in stateStart.
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
	p.clear()
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
