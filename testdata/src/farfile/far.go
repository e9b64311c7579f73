// Package farfile holds a machine whose state type is declared in another
// file than its consumer, whose signature names an imported package: the
// rewrite imports it in the type's file.
package farfile

type farState int

const (
	farA farState = iota
	farB
)
