package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/vmware/govmomi/vim25/types"
)

const testDiskSize = 6 << 20 // three COWD grain tables

// testVM is one VM disk driven by the store's pure operations, with the content every snapshot and the top must show.
type testVM struct {
	t        *testing.T
	st       *diskStore
	v        *vmDisks
	d        *vmDisk
	expected map[string][]byte // snapshot name → content when taken
	top      []byte
	nextSnap int
}

func newTestVM(t *testing.T, seed int64) *testVM {
	t.Helper()
	dir := t.TempDir()
	st := newDiskStore(seed, testDiskSize)
	base, err := st.newBase(dir, "[ds] vm", "disk1", seed)
	if err != nil {
		t.Fatal(err)
	}
	d := &vmDisk{key: 2000, capacity: testDiskSize, baseName: "disk1", top: base, layers: []*layer{base}}
	v := newVMDisks(types.ManagedObjectReference{})
	v.disks = []*vmDisk{d}
	content, err := os.ReadFile(base.extentPath())
	if err != nil {
		t.Fatal(err)
	}
	if len(content) != testDiskSize || bytes.Equal(content[:4096], make([]byte, 4096)) {
		t.Fatalf("base extent: %d bytes, seeded head present = %v", len(content), !bytes.Equal(content[:4096], make([]byte, 4096)))
	}
	return &testVM{t: t, st: st, v: v, d: d, expected: map[string][]byte{}, top: content}
}

func (tv *testVM) write(offset int64, data []byte) {
	tv.t.Helper()
	if _, _, err := tv.st.write(tv.v, tv.d, []guestWrite{{Offset: offset, Data: data}}, false); err != nil {
		tv.t.Fatal(err)
	}
	copy(tv.top[offset:], data)
}

func (tv *testVM) zero(sector, count int64) {
	tv.t.Helper()
	if _, _, err := tv.st.write(tv.v, tv.d, []guestWrite{{Offset: sector * sectorSize, Length: count * sectorSize, Zero: true}}, false); err != nil {
		tv.t.Fatal(err)
	}
	copy(tv.top[sector*sectorSize:], make([]byte, count*sectorSize))
}

func (tv *testVM) snapshot() string {
	tv.t.Helper()
	tv.nextSnap++
	name := fmt.Sprintf("snapshot-%d", tv.nextSnap)
	if err := tv.st.freeze(tv.v, name); err != nil {
		tv.t.Fatal(err)
	}
	tv.expected[name] = append([]byte(nil), tv.top...)
	return name
}

func (tv *testVM) remove(names ...string) {
	tv.t.Helper()
	if err := tv.st.removeSnapshots(tv.v, names); err != nil {
		tv.t.Fatal(err)
	}
	for _, n := range names {
		delete(tv.expected, n)
	}
}

func (tv *testVM) revert(name string) {
	tv.t.Helper()
	if err := tv.st.revert(tv.v, name); err != nil {
		tv.t.Fatal(err)
	}
	tv.top = append([]byte(nil), tv.expected[name]...)
}

func (tv *testVM) snapshots() []string {
	var out []string
	for n := range tv.expected {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// verify reads the top and every snapshot's frozen chain and compares them with the expected content.
func (tv *testVM) verify(withQemu bool) {
	tv.t.Helper()
	check := func(what string, l *layer, want []byte) {
		got, err := readChain(l, 0, testDiskSize/sectorSize)
		if err != nil {
			tv.t.Fatalf("%s: %v", what, err)
		}
		if i := firstDiff(got, want); i >= 0 {
			tv.t.Fatalf("%s (%s): content differs from sector %d", what, l.descName, i/sectorSize)
		}
		if withQemu {
			if i := firstDiff(qemuRaw(tv.t, l.descPath()), want); i >= 0 {
				tv.t.Fatalf("%s (%s): qemu-img content differs from sector %d", what, l.descName, i/sectorSize)
			}
		}
	}
	check("top", tv.d.top, tv.top)
	for _, n := range tv.snapshots() {
		check(n, tv.v.frozen[n][tv.d.key], tv.expected[n])
	}
	tv.checkFiles()
}

// checkFiles asserts that the directory holds exactly the live layers' files and that every COWD header is consistent.
func (tv *testVM) checkFiles() {
	tv.t.Helper()
	entries, err := os.ReadDir(tv.d.top.dir)
	if err != nil {
		tv.t.Fatal(err)
	}
	want := map[string]bool{}
	for _, l := range tv.d.layers {
		want[l.descName], want[l.desc.extentFile] = true, true
		if l.isDelta() {
			checkCOWDHeader(tv.t, l)
		}
		if l.parent != nil && l.desc.parentCID != l.parent.desc.cid {
			tv.t.Fatalf("%s: parentCID %08x, parent CID %08x", l.descName, l.desc.parentCID, l.parent.desc.cid)
		}
	}
	if len(entries) != len(want) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		tv.t.Fatalf("directory holds %v, live layer files are %v", names, want)
	}
}

func checkCOWDHeader(t *testing.T, l *layer) {
	t.Helper()
	raw, err := os.ReadFile(l.extentPath())
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	if string(raw[:4]) != "COWD" || le.Uint32(raw[4:]) != 1 || le.Uint32(raw[8:]) != 3 || le.Uint32(raw[16:]) != 1 || le.Uint32(raw[20:]) != 4 {
		t.Fatalf("%s: bad COWD header % x", l.desc.extentFile, raw[:32])
	}
	if got, want := int64(le.Uint32(raw[12:])), int64(testDiskSize/sectorSize); got != want {
		t.Fatalf("%s: numSectors %d, want %d", l.desc.extentFile, got, want)
	}
	if free := int64(le.Uint32(raw[28:])) * sectorSize; free != int64(len(raw)) {
		t.Fatalf("%s: freeSector points at byte %d, file has %d bytes", l.desc.extentFile, free, len(raw))
	}
}

func firstDiff(a, b []byte) int {
	if len(a) != len(b) {
		return 0
	}
	if bytes.Equal(a, b) {
		return -1
	}
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}

func qemuRaw(t *testing.T, descriptor string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.raw")
	if b, err := exec.Command("qemu-img", "info", "--backing-chain", descriptor).CombinedOutput(); err != nil {
		t.Fatalf("qemu-img info --backing-chain %s: %v\n%s", descriptor, err, b)
	}
	if b, err := exec.Command("qemu-img", "convert", "-f", "vmdk", "-O", "raw", descriptor, out).CombinedOutput(); err != nil {
		t.Fatalf("qemu-img convert %s: %v\n%s", descriptor, err, b)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	rng.Read(b)
	return b
}

func TestSnapshotDeltasHoldGuestWritesAndQemuReadsThem(t *testing.T) {
	tv := newTestVM(t, 7)
	rng := rand.New(rand.NewSource(7))
	tv.write(1000, randomBytes(rng, 10000)) // unaligned, into the flat base
	tv.snapshot()
	tv.write(65536, randomBytes(rng, 8192))
	tv.write(2<<20-700, randomBytes(rng, 1400)) // crosses a grain-table boundary
	tv.snapshot()
	tv.write(65536+4096, randomBytes(rng, 512))
	tv.write(5<<20, randomBytes(rng, 300))
	tv.verify(true)
	if len(tv.d.layers) != 3 || tv.d.top.descName != "disk1-000002.vmdk" || tv.d.top.parent.descName != "disk1-000001.vmdk" {
		t.Fatalf("chain: top %s, %d layers", tv.d.top.descName, len(tv.d.layers))
	}
}

func TestZeroedGrainsHideTheParent(t *testing.T) {
	tv := newTestVM(t, 11)
	tv.snapshot()
	tv.zero(0, 8) // over seeded base data
	tv.zero(4096, 2)
	tv.verify(false)
	got, err := readChain(tv.d.top, 0, 8)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, make([]byte, 8*sectorSize)) {
		t.Fatal("zeroed grains must read as zeros, not the parent's data")
	}
	// qemu 7.2 reads GTE=1 as "grain at sector 1"; sector 1 of our COWD header is all zeros, so it agrees here.
	if i := firstDiff(qemuRaw(t, tv.d.top.descPath()), tv.top); i >= 0 {
		t.Fatalf("qemu-img differs at byte %d", i)
	}
}

func TestRemovingASnapshotMergesTheLayerAboveItsFrozenLayer(t *testing.T) {
	for _, order := range [][]int{{0, 1}, {1, 0}} {
		t.Run(fmt.Sprintf("remove %v", order), func(t *testing.T) {
			tv := newTestVM(t, 21)
			rng := rand.New(rand.NewSource(21))
			var snaps []string
			snaps = append(snaps, tv.snapshot())
			tv.write(0, randomBytes(rng, 4096))
			tv.zero(16, 16) // zeroed grains must reach a flat base as zeros
			snaps = append(snaps, tv.snapshot())
			tv.write(2048, randomBytes(rng, 4096))
			tv.zero(0, 4) // zeroed grains over data of a COWD parent
			tv.verify(false)
			tv.remove(snaps[order[0]])
			tv.verify(true)
			tv.remove(snaps[order[1]])
			tv.verify(true)
			if len(tv.d.layers) != 1 || tv.d.top.isDelta() {
				t.Fatalf("after removing every snapshot the VM must run on its base alone, has %d layers", len(tv.d.layers))
			}
		})
	}
}

func TestRemoveWithChildrenFoldsTheSubtreeIntoTheFrozenLayer(t *testing.T) {
	tv := newTestVM(t, 31)
	rng := rand.New(rand.NewSource(31))
	s1 := tv.snapshot()
	tv.write(512, randomBytes(rng, 3000))
	s2 := tv.snapshot()
	tv.write(1<<20, randomBytes(rng, 5000))
	s3 := tv.snapshot()
	tv.write(3<<20, randomBytes(rng, 700))
	tv.remove(s3, s2) // deepest first, as the proxy orders a removeChildren subtree
	tv.verify(true)
	if len(tv.d.layers) != 2 || tv.d.top.parent != tv.v.frozen[s1][tv.d.key] {
		t.Fatalf("expected base + one delta, got %d layers", len(tv.d.layers))
	}
}

func TestRandomSnapshotHistoriesKeepEveryStateReadable(t *testing.T) {
	for seed := int64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			tv := newTestVM(t, seed)
			rng := rand.New(rand.NewSource(seed))
			for step := 0; step < 40; step++ {
				switch op := rng.Intn(10); {
				case op < 4:
					off := rng.Int63n(testDiskSize - 20000)
					tv.write(off, randomBytes(rng, 1+rng.Intn(20000)))
				case op == 4:
					tv.zero(rng.Int63n(testDiskSize/sectorSize-64), 1+rng.Int63n(64))
				case op < 7:
					tv.snapshot()
				case op < 9 && len(tv.expected) > 0:
					names := tv.snapshots()
					tv.remove(names[rng.Intn(len(names))])
				case op == 9 && len(tv.expected) > 0:
					names := tv.snapshots()
					tv.revert(names[rng.Intn(len(names))])
				}
				tv.verify(false)
			}
			tv.verify(true)
			tv.remove(tv.snapshots()...)
			tv.verify(true)
		})
	}
}

func TestRemovingAllSnapshotsAfterARevertFoldsEverythingIntoTheBase(t *testing.T) {
	tv := newTestVM(t, 41)
	rng := rand.New(rand.NewSource(41))
	s1 := tv.snapshot()
	tv.write(0, randomBytes(rng, 9000))
	s2 := tv.snapshot()
	tv.write(4096, randomBytes(rng, 512))
	tv.revert(s1)
	tv.write(1<<20, randomBytes(rng, 2000))
	s3 := tv.snapshot()
	tv.zero(0, 2)
	tv.verify(true)
	tv.remove(s2, s3, s1) // the post-order of the tree s1 → {s2, s3}, as RemoveAllSnapshots_Task passes it
	tv.verify(true)
	if len(tv.d.layers) != 1 || tv.d.top.isDelta() {
		t.Fatalf("expected the base alone, got %d layers", len(tv.d.layers))
	}
}
