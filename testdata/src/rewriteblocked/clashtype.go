package rewriteblocked

var io = "not the package"

type clashState int

const (
	clashA clashState = iota
	clashB
)
