module github.com/issuetrak-interop-kit/itk/polyglot-samples/go

// 1.19 is Debian bookworm's golang-go, which the Dockerfile builds with; newer toolchains build it unchanged.
go 1.19
