package main

import (
	"fmt"
	"math/rand"
	"strings"
)

// descriptor is the text descriptor of one ESXi disk layer: a vmfs base (flat extent) or a vmfsSparse delta (COWD extent).
type descriptor struct {
	cid        uint32
	parentCID  uint32 // 0xffffffff = no parent
	createType string // "vmfs" or "vmfsSparse"
	parentHint string // parentFileNameHint, deltas only
	sectors    int64
	extentType string // "VMFS" or "VMFSSPARSE"
	extentFile string // file name relative to the descriptor's directory
	longCID    string // ddb.longContentID without the trailing CID
	uuid       string // ddb.uuid, base only
}

const noParentCID = 0xffffffff

func newCID(rng *rand.Rand) uint32 {
	for {
		c := rng.Uint32()
		if c != noParentCID && c != 0 {
			return c
		}
	}
}

func (d descriptor) render() []byte {
	var b strings.Builder
	b.WriteString("# Disk DescriptorFile\n")
	b.WriteString("version=1\n")
	b.WriteString("encoding=\"UTF-8\"\n")
	fmt.Fprintf(&b, "CID=%08x\n", d.cid)
	fmt.Fprintf(&b, "parentCID=%08x\n", d.parentCID)
	b.WriteString("isNativeSnapshot=\"no\"\n")
	fmt.Fprintf(&b, "createType=\"%s\"\n", d.createType)
	if d.parentHint != "" {
		fmt.Fprintf(&b, "parentFileNameHint=\"%s\"\n", d.parentHint)
	}
	b.WriteString("\n# Extent description\n")
	fmt.Fprintf(&b, "RW %d %s \"%s\"\n", d.sectors, d.extentType, d.extentFile)
	b.WriteString("\n# The Disk Data Base\n#DDB\n\n")
	if d.createType == "vmfs" {
		cylinders := d.sectors / (255 * 63)
		if cylinders < 1 {
			cylinders = 1
		}
		b.WriteString("ddb.adapterType = \"lsilogic\"\n")
		fmt.Fprintf(&b, "ddb.geometry.cylinders = \"%d\"\n", cylinders)
		b.WriteString("ddb.geometry.heads = \"255\"\n")
		b.WriteString("ddb.geometry.sectors = \"63\"\n")
	}
	fmt.Fprintf(&b, "ddb.longContentID = \"%s%08x\"\n", d.longCID, d.cid)
	if d.createType == "vmfs" {
		b.WriteString("ddb.thinProvisioned = \"1\"\n")
		fmt.Fprintf(&b, "ddb.uuid = \"%s\"\n", d.uuid)
		b.WriteString("ddb.virtualHWVersion = \"13\"\n")
	}
	return []byte(b.String())
}

func randomHex(rng *rand.Rand, n int) string {
	const digits = "0123456789abcdef"
	out := make([]byte, n)
	for i := range out {
		out[i] = digits[rng.Intn(16)]
	}
	return string(out)
}

// randomDiskUUID formats 16 random bytes like ESXi's ddb.uuid ("60 00 c2 9a ...-...").
func randomDiskUUID(rng *rand.Rand) string {
	parts := make([]string, 16)
	for i := range parts {
		parts[i] = fmt.Sprintf("%02x", rng.Intn(256))
	}
	return strings.Join(parts[:8], " ") + "-" + strings.Join(parts[8:], " ")
}
