// Package testkit holds the helpers that tests in several packages share:
// an injected clock, a log buffer, a valid config and a database in a temp
// dir. Only _test.go files import it.
package testkit
