package rewriteblocked

type farState int

const (
	farA farState = iota
	farB
)
