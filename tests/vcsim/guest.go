package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand"
)

// guestWrite is one write of a guest into a disk: given bytes, seeded random bytes, or zeroed sectors.
type guestWrite struct {
	Offset int64  `json:"offset"`
	Data   []byte `json:"data,omitempty"`   // base64 in JSON
	Length int64  `json:"length,omitempty"` // with random or zero
	Random bool   `json:"random,omitempty"`
	Zero   bool   `json:"zero,omitempty"`
	Seed   *int64 `json:"seed,omitempty"` // random: optional seed (default: the launcher's random stream)
}

// writtenRange reports what a guest write stored.
type writtenRange struct {
	Offset int64  `json:"offset"`
	Length int64  `json:"length"`
	SHA256 string `json:"sha256"`
	Data   []byte `json:"data,omitempty"`
}

const maxGuestIO = 64 << 20

func (w guestWrite) validate(capacity int64) error {
	kinds := 0
	for _, b := range []bool{w.Data != nil, w.Random, w.Zero} {
		if b {
			kinds++
		}
	}
	length := w.Length
	if w.Data != nil {
		length = int64(len(w.Data))
	}
	switch {
	case kinds != 1:
		return fmt.Errorf("exactly one of data, random, zero must be given")
	case w.Data == nil && w.Length <= 0:
		return fmt.Errorf("length must be positive")
	case length > maxGuestIO:
		return fmt.Errorf("length %d above the limit of %d", length, maxGuestIO)
	case w.Offset < 0 || w.Offset+length > capacity:
		return fmt.Errorf("range %d+%d outside the disk (capacity %d)", w.Offset, length, capacity)
	case w.Zero && (w.Offset%sectorSize != 0 || w.Length%sectorSize != 0):
		return fmt.Errorf("zero writes must be sector aligned (offset and length multiples of 512)")
	}
	return nil
}

// write applies guest writes to the disk's current top layer and reports them.
func (st *diskStore) write(v *vmDisks, d *vmDisk, writes []guestWrite, echo bool) ([]writtenRange, string, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []writtenRange
	for i, w := range writes {
		if err := w.validate(d.capacity); err != nil {
			return nil, "", fmt.Errorf("writes[%d]: %w", i, err)
		}
		data := w.Data
		var err error
		switch {
		case w.Random:
			rng := st.rng
			if w.Seed != nil {
				rng = rand.New(rand.NewSource(*w.Seed))
			}
			data = make([]byte, w.Length)
			rng.Read(data)
			err = writeBytes(d.top, w.Offset, data)
		case w.Zero:
			data = make([]byte, w.Length)
			err = zeroSectors(d.top, w.Offset/sectorSize, w.Length/sectorSize)
		default:
			err = writeBytes(d.top, w.Offset, data)
		}
		if err != nil {
			return nil, "", fmt.Errorf("writes[%d]: %w", i, err)
		}
		sum := sha256.Sum256(data)
		r := writtenRange{Offset: w.Offset, Length: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
		if echo {
			r.Data = data
		}
		out = append(out, r)
	}
	return out, d.top.descPath(), nil
}

// read returns the disk's current virtual content of [offset, offset+length).
func (st *diskStore) read(d *vmDisk, offset, length int64) ([]byte, error) {
	if length <= 0 || length > maxGuestIO {
		return nil, fmt.Errorf("length must be 1..%d", maxGuestIO)
	}
	if offset < 0 || offset+length > d.capacity {
		return nil, fmt.Errorf("range %d+%d outside the disk (capacity %d)", offset, length, d.capacity)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	first := offset / sectorSize
	last := (offset + length + sectorSize - 1) / sectorSize
	buf, err := readChain(d.top, first, last-first)
	if err != nil {
		return nil, err
	}
	start := offset - first*sectorSize
	return buf[start : start+length], nil
}
