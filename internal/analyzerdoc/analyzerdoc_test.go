package analyzerdoc

import "testing"

const src = `// Package p has two analyzers.
//
// # Analyzer one
//
// one: does the first thing
//
// More about one.
//
// # Not reported
//
// What one leaves alone.
//
// # Analyzer two
//
// two: does the second thing
package p
`

func TestSection(t *testing.T) {
	got, err := Section(src, "one")
	if err != nil {
		t.Fatal(err)
	}
	want := "does the first thing\n\nMore about one.\n\n# Not reported\n\nWhat one leaves alone."
	if got != want {
		t.Errorf("Section(one) = %q, want %q", got, want)
	}
	if got, _ := Section(src, "two"); got != "does the second thing" {
		t.Errorf("Section(two) = %q", got)
	}
	if _, err := Section(src, "three"); err == nil {
		t.Error("Section(three) found a section that does not exist")
	}
	if _, err := Section("package p\n", "one"); err == nil {
		t.Error("a file with no package comment gave no error")
	}
}
