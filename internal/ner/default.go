package ner

import (
	_ "embed"
	"fmt"

	"github.com/entigraph/entigraph/internal/kb"
)

// defaultModel is the built-in model, trained by the command in
// model/README.md on the openly licensed corpora only.
//
//go:embed model/default.ner
var defaultModel []byte

// Default returns the built-in model, using k for its gazetteer features.
func Default(k *kb.KB) (*Model, error) {
	m, err := Load(defaultModel, k)
	if err != nil {
		return nil, fmt.Errorf("ner: built-in model: %w", err)
	}
	return m, nil
}

// DefaultWith is [Default] with a knowledge base that may still be
// loading; see [LoadWith].
func DefaultWith(k func() *kb.KB) (*Model, error) {
	m, err := LoadWith(defaultModel, k)
	if err != nil {
		return nil, fmt.Errorf("ner: built-in model: %w", err)
	}
	return m, nil
}
