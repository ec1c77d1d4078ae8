package summary

import (
	"encoding/binary"
	"errors"
	"os"

	"golang.org/x/image/font/opentype"
)

// loadFont reads a font file, or the first font of a collection (.ttc).
// The font's tables are copied into a fresh file with each table on a
// four-byte boundary: some collections (Debian's wqy-microhei) place them
// unaligned, which the sfnt parser refuses.
func loadFont(path string) (*opentype.Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	aligned, err := alignFont(data)
	if err != nil {
		return nil, err
	}
	return opentype.Parse(aligned)
}

var errBadFont = errors.New("not a TrueType or OpenType font")

// alignFont returns the first font of data as a single sfnt file with
// aligned tables.
func alignFont(data []byte) ([]byte, error) {
	u16 := func(o int) int { return int(binary.BigEndian.Uint16(data[o:])) }
	u32 := func(o int) int { return int(binary.BigEndian.Uint32(data[o:])) }
	if len(data) < 12 {
		return nil, errBadFont
	}
	start := 0
	if string(data[:4]) == "ttcf" {
		if len(data) < 16 || u32(8) == 0 {
			return nil, errBadFont
		}
		start = u32(12)
	}
	if start+12 > len(data) {
		return nil, errBadFont
	}
	n := u16(start + 4)
	if n == 0 || start+12+16*n > len(data) {
		return nil, errBadFont
	}
	head := 12 + 16*n
	out := make([]byte, head, len(data))
	copy(out, data[start:start+12])
	for i := range n {
		rec := start + 12 + 16*i
		off, length := u32(rec+8), u32(rec+12)
		if off < 0 || length < 0 || off+length > len(data) {
			return nil, errBadFont
		}
		copy(out[12+16*i:], data[rec:rec+8]) // tag and checksum
		binary.BigEndian.PutUint32(out[12+16*i+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[12+16*i+12:], uint32(length))
		out = append(out, data[off:off+length]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, nil
}
