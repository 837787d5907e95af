package phone

import "testing"

// nationalBenches are national-format inputs with their default region: libphonenumber's own
// NATIONAL formatting of the region's example fixed-line (and mobile) numbers, and the forms
// users type most.
var nationalBenches = []struct{ name, region, in, want string }{
	{"US", "US", "(415) 555-2671", "+14155552671"},
	{"HK", "HK", "9876 5432", "+85298765432"},
	{"GB", "GB", "020 7946 0958", "+442079460958"},
	{"GB_mobile", "GB", "07400 123456", "+447400123456"},
	{"DE", "DE", "030 123456", "+4930123456"},
	{"DE_mobile", "DE", "01512 3456789", "+4915123456789"},
	{"JP", "JP", "03-1234-5678", "+81312345678"},
	{"JP_mobile", "JP", "090-1234-5678", "+819012345678"},
	{"CN", "CN", "010 1234 5678", "+861012345678"},
	{"CN_mobile", "CN", "131 2345 6789", "+8613123456789"},
	{"IN", "IN", "074104 10123", "+917410410123"},
	{"IN_mobile", "IN", "081234 56789", "+918123456789"},
	{"BR", "BR", "(11) 2345-6789", "+551123456789"},
	{"BR_mobile", "BR", "(11) 96123-4567", "+5511961234567"},
}

// BenchmarkNormalizeNational is Normalize on national input with a default region.
func BenchmarkNormalizeNational(b *testing.B) {
	for _, bb := range nationalBenches {
		b.Run(bb.name, func(b *testing.B) {
			o := Options{DefaultRegion: bb.region}
			if out, c := Normalize(bb.in, o); c != nil || out != bb.want {
				b.Fatalf("%q: %q %v", bb.in, out, c)
			}
			b.ReportAllocs()
			for b.Loop() {
				Normalize(bb.in, o)
			}
		})
	}
}
