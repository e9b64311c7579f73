package lsp

import (
	"go/token"
	"testing"
)

// TestText: LSP positions count UTF-16 units. In "\té𝒶b", é is two bytes
// and one unit, 𝒶 four bytes and two units.
func TestText(t *testing.T) {
	data := "a\n\té𝒶b\n\n𝒶" // no final newline
	tx := newText([]byte(data))
	for _, tc := range []struct {
		offset int
		want   Position
	}{
		{0, Position{0, 0}},
		{1, Position{0, 1}}, // the newline
		{2, Position{1, 0}},
		{3, Position{1, 1}},  // é
		{5, Position{1, 2}},  // 𝒶
		{9, Position{1, 4}},  // b
		{10, Position{1, 5}}, // the newline
		{11, Position{2, 0}},
		{12, Position{3, 0}},
		{16, Position{3, 2}}, // the end, after 𝒶
		{99, Position{3, 2}}, // clamped
		{-1, Position{0, 0}}, // clamped
	} {
		if got := tx.position(tc.offset); got != tc.want {
			t.Errorf("position(%d) = %v, want %v", tc.offset, got, tc.want)
		}
	}
	for _, tc := range []struct {
		p    Position
		want int
	}{
		{Position{1, 0}, 2},
		{Position{1, 2}, 5},
		{Position{1, 4}, 9},
		{Position{1, 3}, 9},   // between 𝒶's two units: after it
		{Position{1, 99}, 10}, // past the end of the line: its end
		{Position{3, 2}, 16},
		{Position{2, 5}, 11}, // an empty line
	} {
		if got, err := tx.offset(tc.p); err != nil || got != tc.want {
			t.Errorf("offset(%v) = %d, %v; want %d", tc.p, got, err, tc.want)
		}
	}
	if _, err := tx.offset(Position{4, 0}); err == nil {
		t.Errorf("offset of line 4 of a 4-line text: no error")
	}
	for _, tc := range []struct {
		p    token.Position
		want Position
	}{
		{token.Position{Line: 2, Column: 4}, Position{1, 2}}, // byte column 4: 𝒶
		{token.Position{Line: 2, Column: 0}, Position{1, 0}}, // no column: the line's start
		{token.Position{Line: 9, Column: 1}, Position{3, 2}}, // past the end
	} {
		if got := tx.tokenPosition(tc.p); got != tc.want {
			t.Errorf("tokenPosition(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
	// Every rune boundary converts back to itself.
	for i := range data + " " {
		if got, err := tx.offset(tx.position(i)); err != nil || got != i {
			t.Errorf("offset(position(%d)) = %d, %v", i, got, err)
		}
	}
}

func TestURI(t *testing.T) {
	name := "/tmp/a b/é#1.go"
	uri := fileURI(name)
	if uri != "file:///tmp/a%20b/%C3%A9%231.go" {
		t.Errorf("fileURI(%q) = %q", name, uri)
	}
	if got, err := fileName(uri); err != nil || got != name {
		t.Errorf("fileName(%q) = %q, %v; want %q", uri, got, err, name)
	}
	// Neovim escapes less than Go; both name the file.
	if got, err := fileName("file:///tmp/a%20b/é%231.go"); err != nil || got != name {
		t.Errorf("fileName of Neovim's spelling = %q, %v; want %q", got, err, name)
	}
	for _, uri := range []string{"untitled:Untitled-1", "file://", "%zz"} {
		if got, err := fileName(uri); err == nil {
			t.Errorf("fileName(%q) = %q, want an error", uri, got)
		}
	}
}
