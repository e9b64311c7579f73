// Package parsetest holds what every form of the HTTP request parser is
// tested and benchmarked with: a corpus of requests as browsers, tools and
// proxies send them, each with the result written out by hand, malformed
// requests with the error and the offset of the byte in error, and the
// tests that feed them to a parser whole, one byte at a time and split at
// every byte.
package parsetest

import "strings"

// A Request is a parsed request, copied out of the parser.
type Request struct {
	Method, Path, Query string
	Version             string // "1.1"
	Headers             [][2]string
	ContentLength       int64
	Body                string
}

// A Case is an input and the requests it holds.
type Case struct {
	Name string
	In   string
	Want []Request
}

// Corpus is the well-formed input: one request per case but the last.
var Corpus = []Case{
	{
		Name: "chrome navigation",
		In: "GET /search?q=state+machine&hl=en HTTP/1.1\r\n" +
			"Host: www.example.com\r\n" +
			"Connection: keep-alive\r\n" +
			"sec-ch-ua: \"Chromium\";v=\"130\", \"Google Chrome\";v=\"130\", \"Not?A_Brand\";v=\"99\"\r\n" +
			"sec-ch-ua-mobile: ?0\r\n" +
			"sec-ch-ua-platform: \"Linux\"\r\n" +
			"Upgrade-Insecure-Requests: 1\r\n" +
			"User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36\r\n" +
			"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7\r\n" +
			"Sec-Fetch-Site: same-origin\r\n" +
			"Sec-Fetch-Mode: navigate\r\n" +
			"Sec-Fetch-User: ?1\r\n" +
			"Sec-Fetch-Dest: document\r\n" +
			"Referer: https://www.example.com/\r\n" +
			"Accept-Encoding: gzip, deflate, br, zstd\r\n" +
			"Accept-Language: en-US,en;q=0.9\r\n" +
			"Cookie: session=3f9a1c2e7b; theme=dark\r\n" +
			"\r\n",
		Want: []Request{{
			Method: "GET", Path: "/search", Query: "q=state+machine&hl=en", Version: "1.1",
			Headers: [][2]string{
				{"Host", "www.example.com"},
				{"Connection", "keep-alive"},
				{"sec-ch-ua", `"Chromium";v="130", "Google Chrome";v="130", "Not?A_Brand";v="99"`},
				{"sec-ch-ua-mobile", "?0"},
				{"sec-ch-ua-platform", `"Linux"`},
				{"Upgrade-Insecure-Requests", "1"},
				{"User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"},
				{"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"},
				{"Sec-Fetch-Site", "same-origin"},
				{"Sec-Fetch-Mode", "navigate"},
				{"Sec-Fetch-User", "?1"},
				{"Sec-Fetch-Dest", "document"},
				{"Referer", "https://www.example.com/"},
				{"Accept-Encoding", "gzip, deflate, br, zstd"},
				{"Accept-Language", "en-US,en;q=0.9"},
				{"Cookie", "session=3f9a1c2e7b; theme=dark"},
			},
		}},
	},
	{
		Name: "firefox script",
		In: "GET /static/app.3e1f9c.js HTTP/1.1\r\n" +
			"Host: www.example.com\r\n" +
			"User-Agent: Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0\r\n" +
			"Accept: */*\r\n" +
			"Accept-Language: en-US,en;q=0.5\r\n" +
			"Accept-Encoding: gzip, deflate, br, zstd\r\n" +
			"Referer: https://www.example.com/search?q=state+machine\r\n" +
			"Connection: keep-alive\r\n" +
			"Sec-Fetch-Dest: script\r\n" +
			"Sec-Fetch-Mode: no-cors\r\n" +
			"Sec-Fetch-Site: same-origin\r\n" +
			"If-None-Match: \"5f2a-18c3b7e4\"\r\n" +
			"Priority: u=2\r\n" +
			"\r\n",
		Want: []Request{{
			Method: "GET", Path: "/static/app.3e1f9c.js", Version: "1.1",
			Headers: [][2]string{
				{"Host", "www.example.com"},
				{"User-Agent", "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0"},
				{"Accept", "*/*"},
				{"Accept-Language", "en-US,en;q=0.5"},
				{"Accept-Encoding", "gzip, deflate, br, zstd"},
				{"Referer", "https://www.example.com/search?q=state+machine"},
				{"Connection", "keep-alive"},
				{"Sec-Fetch-Dest", "script"},
				{"Sec-Fetch-Mode", "no-cors"},
				{"Sec-Fetch-Site", "same-origin"},
				{"If-None-Match", `"5f2a-18c3b7e4"`},
				{"Priority", "u=2"},
			},
		}},
	},
	{
		Name: "curl API call",
		In: "GET /api/v1/items?limit=20&offset=40 HTTP/1.1\r\n" +
			"Host: api.example.com\r\n" +
			"User-Agent: curl/8.5.0\r\n" +
			"Accept: */*\r\n" +
			"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl\r\n" +
			"\r\n",
		Want: []Request{{
			Method: "GET", Path: "/api/v1/items", Query: "limit=20&offset=40", Version: "1.1",
			Headers: [][2]string{
				{"Host", "api.example.com"},
				{"User-Agent", "curl/8.5.0"},
				{"Accept", "*/*"},
				{"Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl"},
			},
		}},
	},
	{
		Name: "form login",
		In: "POST /login HTTP/1.1\r\n" +
			"Host: www.example.com\r\n" +
			"Content-Type: application/x-www-form-urlencoded\r\n" +
			"Content-Length: 39\r\n" +
			"Origin: https://www.example.com\r\n" +
			"Cookie: session=3f9a1c2e7b\r\n" +
			"\r\n" +
			"user=ada&password=n0t+s3cret&remember=1",
		Want: []Request{{
			Method: "POST", Path: "/login", Version: "1.1",
			Headers: [][2]string{
				{"Host", "www.example.com"},
				{"Content-Type", "application/x-www-form-urlencoded"},
				{"Content-Length", "39"},
				{"Origin", "https://www.example.com"},
				{"Cookie", "session=3f9a1c2e7b"},
			},
			ContentLength: 39,
			Body:          "user=ada&password=n0t+s3cret&remember=1",
		}},
	},
	{
		Name: "fetch JSON",
		In: "POST /api/v1/items HTTP/1.1\r\n" +
			"Host: api.example.com\r\n" +
			"Content-Type: application/json\r\n" +
			"Accept: application/json\r\n" +
			"Content-Length: 43\r\n" +
			"\r\n" +
			`{"name":"widget","price":9.99,"tags":["a"]}`,
		Want: []Request{{
			Method: "POST", Path: "/api/v1/items", Version: "1.1",
			Headers: [][2]string{
				{"Host", "api.example.com"},
				{"Content-Type", "application/json"},
				{"Accept", "application/json"},
				{"Content-Length", "43"},
			},
			ContentLength: 43,
			Body:          `{"name":"widget","price":9.99,"tags":["a"]}`,
		}},
	},
	{
		Name: "ApacheBench HTTP/1.0",
		In: "GET /index.html HTTP/1.0\r\n" +
			"Host: localhost:8080\r\n" +
			"User-Agent: ApacheBench/2.3\r\n" +
			"Accept: */*\r\n" +
			"\r\n",
		Want: []Request{{
			Method: "GET", Path: "/index.html", Version: "1.0",
			Headers: [][2]string{
				{"Host", "localhost:8080"},
				{"User-Agent", "ApacheBench/2.3"},
				{"Accept", "*/*"},
			},
		}},
	},
	{
		Name: "OPTIONS asterisk-form",
		In:   "OPTIONS * HTTP/1.1\r\nHost: www.example.com\r\n\r\n",
		Want: []Request{{
			Method: "OPTIONS", Path: "*", Version: "1.1",
			Headers: [][2]string{{"Host", "www.example.com"}},
		}},
	},
	{
		Name: "CONNECT authority-form",
		In: "CONNECT www.example.com:443 HTTP/1.1\r\n" +
			"Host: www.example.com:443\r\n" +
			"User-Agent: curl/8.5.0\r\n" +
			"Proxy-Connection: Keep-Alive\r\n" +
			"\r\n",
		Want: []Request{{
			Method: "CONNECT", Path: "www.example.com:443", Version: "1.1",
			Headers: [][2]string{
				{"Host", "www.example.com:443"},
				{"User-Agent", "curl/8.5.0"},
				{"Proxy-Connection", "Keep-Alive"},
			},
		}},
	},
	{
		Name: "proxy absolute-form",
		In:   "GET http://www.example.com/index.html?x=1 HTTP/1.1\r\nHost: www.example.com\r\n\r\n",
		Want: []Request{{
			Method: "GET", Path: "http://www.example.com/index.html", Query: "x=1", Version: "1.1",
			Headers: [][2]string{{"Host", "www.example.com"}},
		}},
	},
	{
		Name: "websocket upgrade",
		In: "GET /chat HTTP/1.1\r\n" +
			"Host: server.example.com\r\n" +
			"Upgrade: websocket\r\n" +
			"Connection: Upgrade\r\n" +
			"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
			"Origin: http://example.com\r\n" +
			"Sec-WebSocket-Protocol: chat, superchat\r\n" +
			"Sec-WebSocket-Version: 13\r\n" +
			"\r\n",
		Want: []Request{{
			Method: "GET", Path: "/chat", Version: "1.1",
			Headers: [][2]string{
				{"Host", "server.example.com"},
				{"Upgrade", "websocket"},
				{"Connection", "Upgrade"},
				{"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
				{"Origin", "http://example.com"},
				{"Sec-WebSocket-Protocol", "chat, superchat"},
				{"Sec-WebSocket-Version", "13"},
			},
		}},
	},
	{
		Name: "upload with lower-case, repeated Content-Length",
		In: "PUT /files/report.csv HTTP/1.1\r\n" +
			"Host: files.example.com\r\n" +
			"content-length: 20\r\n" +
			"Content-Type: text/csv\r\n" +
			"CONTENT-LENGTH: 20\r\n" +
			"\r\n" +
			"id,total\n1,9.50\n2,3\n",
		Want: []Request{{
			Method: "PUT", Path: "/files/report.csv", Version: "1.1",
			Headers: [][2]string{
				{"Host", "files.example.com"},
				{"content-length", "20"},
				{"Content-Type", "text/csv"},
				{"CONTENT-LENGTH", "20"},
			},
			ContentLength: 20,
			Body:          "id,total\n1,9.50\n2,3\n",
		}},
	},
	{
		Name: "DELETE with an empty body",
		In:   "DELETE /api/v1/items/42 HTTP/1.1\r\nHost: api.example.com\r\nContent-Length: 0\r\n\r\n",
		Want: []Request{{
			Method: "DELETE", Path: "/api/v1/items/42", Version: "1.1",
			Headers: [][2]string{{"Host", "api.example.com"}, {"Content-Length", "0"}},
		}},
	},
	{
		Name: "whitespace around values",
		In: "GET /ws HTTP/1.1\r\n" +
			"X-Empty:\r\n" +
			"X-Blank:   \r\n" +
			"X-Pad: \t padded value \t \r\n" +
			"X-Inner: a  b\r\n" +
			"x-lower:v\r\n" +
			"\r\n",
		Want: []Request{{
			Method: "GET", Path: "/ws", Version: "1.1",
			Headers: [][2]string{
				{"X-Empty", ""},
				{"X-Blank", ""},
				{"X-Pad", "padded value"},
				{"X-Inner", "a  b"},
				{"x-lower", "v"},
			},
		}},
	},
	{
		Name: "obs-text and an empty query",
		In:   "GET /menu? HTTP/1.1\r\nHost: café.example\r\nX-Dish: crème brûlée\r\n\r\n",
		Want: []Request{{
			Method: "GET", Path: "/menu", Version: "1.1",
			Headers: [][2]string{{"Host", "café.example"}, {"X-Dish", "crème brûlée"}},
		}},
	},
	{
		Name: "empty lines before a request",
		In:   "\r\n\r\nHEAD /health HTTP/1.1\r\nHost: a\r\n\r\n",
		Want: []Request{{
			Method: "HEAD", Path: "/health", Version: "1.1",
			Headers: [][2]string{{"Host", "a"}},
		}},
	},
	{
		Name: "two pipelined requests",
		In:   "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi",
		Want: []Request{
			{Method: "GET", Path: "/1", Version: "1.1", Headers: [][2]string{{"Host", "a"}}},
			{
				Method: "POST", Path: "/2", Version: "1.1",
				Headers:       [][2]string{{"Host", "a"}, {"Content-Length", "2"}},
				ContentLength: 2, Body: "hi",
			},
		},
	},
}

// An ErrorCase is a malformed input: the requests before the error, the
// error's text, and the offset of the byte in error, which Parse must
// report as the bytes it consumed.
type ErrorCase struct {
	Name string
	In   string
	Want []Request
	Err  string
	At   int
}

// requestLine is the 16-byte request line most error cases start with.
const requestLine = "GET / HTTP/1.1\r\n"

// Errors is the malformed input.
var Errors = []ErrorCase{
	{Name: "separator in method", In: "G(T / HTTP/1.1\r\n", Err: "httpparse: invalid byte in method", At: 1},
	{Name: "no method", In: " / HTTP/1.1\r\n", Err: "httpparse: invalid byte in method", At: 0},
	{Name: "bare LF before a request", In: "\nGET / HTTP/1.1\r\n\r\n", Err: "httpparse: invalid byte in method", At: 0},
	{Name: "CR alone before a request", In: "\rGET / HTTP/1.1\r\n\r\n", Err: "httpparse: invalid line ending", At: 1},
	{Name: "two spaces before the target", In: "GET  / HTTP/1.1\r\n", Err: "httpparse: invalid byte in request target", At: 4},
	{Name: "target starting with a query", In: "GET ?a HTTP/1.1\r\n", Err: "httpparse: invalid byte in request target", At: 4},
	{Name: "control byte in path", In: "GET /a\x01 HTTP/1.1\r\n", Err: "httpparse: invalid byte in request target", At: 6},
	{Name: "DEL in query", In: "GET /a?b\x7f HTTP/1.1\r\n", Err: "httpparse: invalid byte in request target", At: 8},
	{Name: "HTTP/0.9 request line", In: "GET /\r\n", Err: "httpparse: invalid byte in request target", At: 5},
	{Name: "space in target", In: "GET /a b HTTP/1.1\r\n", Err: "httpparse: invalid HTTP version", At: 7},
	{Name: "lower-case protocol", In: "GET / http/1.1\r\n", Err: "httpparse: invalid HTTP version", At: 6},
	{Name: "protocol misspelled at its second byte", In: "GET / HXTP/1.1\r\n", Err: "httpparse: invalid HTTP version", At: 7},
	{Name: "protocol misspelled at its third byte", In: "GET / HTXP/1.1\r\n", Err: "httpparse: invalid HTTP version", At: 8},
	{Name: "protocol misspelled at its fourth byte", In: "GET / HTTX/1.1\r\n", Err: "httpparse: invalid HTTP version", At: 9},
	{Name: "space for the slash", In: "GET / HTTP 1.1\r\n", Err: "httpparse: invalid HTTP version", At: 10},
	{Name: "HTTP/2.0", In: "GET / HTTP/2.0\r\n", Err: "httpparse: invalid HTTP version", At: 11},
	{Name: "version without a dot", In: "GET / HTTP/1-1\r\n", Err: "httpparse: invalid HTTP version", At: 12},
	{Name: "version without a minor digit", In: "GET / HTTP/1.\r\n", Err: "httpparse: invalid HTTP version", At: 13},
	{Name: "two-digit minor version", In: "GET / HTTP/1.10\r\n", Err: "httpparse: invalid line ending", At: 14},
	{Name: "bare LF after the request line", In: "GET / HTTP/1.1\nHost: a\n\n", Err: "httpparse: invalid line ending", At: 14},
	{Name: "CR without LF after the request line", In: "GET / HTTP/1.1\r\r\n", Err: "httpparse: invalid line ending", At: 15},
	{Name: "space before colon", In: requestLine + "Host : a\r\n\r\n", Err: "httpparse: invalid byte in header name", At: 20},
	{Name: "empty header name", In: requestLine + ": a\r\n\r\n", Err: "httpparse: invalid byte in header name", At: 16},
	{Name: "header line without a colon", In: requestLine + "Host\r\n\r\n", Err: "httpparse: invalid byte in header name", At: 20},
	{Name: "whitespace before the first header", In: requestLine + " Host: a\r\n\r\n", Err: "httpparse: invalid byte in header name", At: 16},
	{Name: "obsolete line folding", In: requestLine + "X-Long: a\r\n b\r\n\r\n", Err: "httpparse: obsolete line folding", At: 27},
	{Name: "NUL in value", In: requestLine + "Host: a\x00b\r\n\r\n", Err: "httpparse: invalid byte in header value", At: 23},
	{Name: "NUL starting a value", In: requestLine + "Host: \x00\r\n\r\n", Err: "httpparse: invalid byte in header value", At: 22},
	{Name: "bare LF in a header line", In: requestLine + "Host: a\nX: b\r\n\r\n", Err: "httpparse: invalid byte in header value", At: 23},
	{Name: "CR without LF in a header line", In: requestLine + "Host: a\rX: b\r\n\r\n", Err: "httpparse: invalid line ending", At: 24},
	{Name: "CR without LF ending the head", In: requestLine + "Host: a\r\n\rX", Err: "httpparse: invalid line ending", At: 26},
	{Name: "letters in Content-Length", In: "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", Err: "httpparse: invalid Content-Length", At: 35},
	{Name: "empty Content-Length", In: "POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", Err: "httpparse: invalid Content-Length", At: 32},
	{Name: "negative Content-Length", In: "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", Err: "httpparse: invalid Content-Length", At: 35},
	{Name: "list in Content-Length", In: "POST / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc", Err: "httpparse: invalid Content-Length", At: 37},
	{
		Name: "conflicting Content-Length",
		In:   "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc",
		Err:  "httpparse: invalid Content-Length", At: 53,
	},
	{
		Name: "chunked body",
		In:   "POST /upload HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
		Err:  "httpparse: Transfer-Encoding is not supported", At: 49,
	},
	{
		Name: "body larger than MaxBodyBytes",
		In:   "POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n",
		Err:  "httpparse: request body too large", At: 40,
	},
	{
		Name: "huge Content-Length",
		In:   "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
		Err:  "httpparse: request body too large", At: 56,
	},
	{
		// The head holds "GET", "/", "X-Big" (9 bytes), then the value's
		// first MaxHeadBytes-9 bytes: the next one is too many.
		Name: "head larger than MaxHeadBytes",
		In:   requestLine + "X-Big: " + strings.Repeat("a", 9000) + "\r\n\r\n",
		Err:  "httpparse: request head too large", At: 16 + 7 + 8<<10 - 9,
	},
	{
		Name: "error after a complete request",
		In:   "GET /ok HTTP/1.1\r\nHost: a\r\n\r\nGET /bad\x7f HTTP/1.1\r\n\r\n",
		Want: []Request{{Method: "GET", Path: "/ok", Version: "1.1", Headers: [][2]string{{"Host", "a"}}}},
		Err:  "httpparse: invalid byte in request target", At: 37,
	},
}

// CorruptPanic is what a parser in no known state (the zero Parser)
// panics with.
const CorruptPanic = "httpparse: parser in no known state (not made by NewParser?)"
