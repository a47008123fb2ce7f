//! CAMEO event coding: who did what to whom, where and when, from the token, entity and date
//! layers and a dependency parse.
//!
//! Bird's-eye view: for every sentence the [`coder::Coder`] finds
//! - **actions** with the CAMEO pattern dictionary `data/cameo-patterns.tsv`, compiled once into
//!   a word matcher ([`patterns::Patterns`]);
//! - **actors** from the entity layer and from country/role phrases built on
//!   `data/countries.tsv` and `data/roles.tsv` ([`actors::ActorLexicon`]);
//! - and, when a sentence has both, its **parse** (`newsgraph-syntax`, read through
//!   [`tree::Tree`]): the source is the agent of the action, the target its object or the
//!   complement the pattern names, with passives, nominal actions, coordination, control and
//!   reported speech read from the tree ([`sentence`]); negation, hypotheses, questions,
//!   intentions, actions that are another's content and dated background are sorted out there.
//!
//! [`coder`] merges the article's reports of one happening into one event, completes actors of
//! no stated country with the article's own, and gives each event the Goldstein score and quad
//! class of `data/cameo.tsv` ([`table::CameoTable`]), the sentence span, a location (a place named
//! in the sentence, else the dateline's), a date (a full date in the sentence, else the
//! publication date), `is_root` (lead paragraph) and `mentions`.
//!
//! Entry points: [`stages`] (the `events` stage for the pipeline), [`Coder::new`] (the compiled
//! knowledge; `code_document_with_spans` also tells where each actor was read) and
//! [`render::render_event`] (the sentence with source, action and target marked, for golden
//! tests and debugging).
//!
//! Invariants: the stage reads the text, publication date, dateline, dates, sentences, tokens
//! and entities and only writes `Document::events`; it never panics on input (offsets outside
//! the text are skipped). It knows nothing of files: its knowledge is compiled once, when the
//! stage is built ([`Coder::new`]), and the parser's weights are embedded. A statement ("X
//! said ...") is not an event of its own; an event without a source is coded only for the
//! roots the dictionary lists as one-sided (an attack whose author the text does not give).

pub mod actors;
pub mod coder;
mod fasthash;
pub mod patterns;
pub mod render;
pub mod sentence;
pub mod table;
pub mod tree;
mod window;
pub mod words;

pub use coder::Coder;
use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::{Document, Layer, Stage, StageError};

/// The `events` stage: assigns [`Layer::Events`].
pub struct EventStage {
    coder: Coder,
}

impl EventStage {
    /// The stage with the knowledge of `k`.
    pub fn new(k: &Knowledge) -> Result<Self, KnowledgeError> {
        Ok(EventStage {
            coder: Coder::new(k)?,
        })
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Text,
            Layer::Metadata,
            Layer::Sentences,
            Layer::Tokens,
            Layer::Entities,
            Layer::Geo,
            Layer::Dates,
        ]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.events = self.coder.code_document(doc);
        Ok(())
    }
}

/// This crate's stages, in the order the pipeline runs them. Knowledge is compiled here, once.
pub fn stages(k: &Knowledge) -> Result<Vec<Box<dyn Stage>>, KnowledgeError> {
    Ok(vec![Box::new(EventStage::new(k)?)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::{Codes, Entity, EntityType, Sentence, Span, Token, TokenKind};

    fn knowledge() -> Result<&'static Coder, KnowledgeError> {
        static CODER: std::sync::OnceLock<Coder> = std::sync::OnceLock::new();
        Ok(
            CODER.get_or_init(|| match Coder::new(Knowledge::embedded()) {
                Ok(c) => c,
                Err(e) => panic!("{e}"),
            }),
        )
    }

    #[test]
    fn embedded_knowledge_compiles_and_every_code_is_in_the_table() {
        let coder = knowledge().expect("embedded data files parse");
        assert!(coder.table.len() > 300);
        let mut roots = std::collections::BTreeSet::new();
        for p in &coder.patterns.patterns {
            assert!(
                coder.table.get(&p.code).is_some(),
                "pattern line {} has unknown code {}",
                p.line,
                p.code
            );
            roots.insert(p.code[..2].to_string());
        }
        let g = &coder.patterns.grammar;
        for code in g.intent_code.values().chain(g.neg_code.values()) {
            assert!(
                coder.table.get(code).is_some(),
                "directive code {code} is not in cameo.tsv"
            );
        }
        let all: Vec<String> = (1..=20).map(|r| format!("{r:02}")).collect();
        let missing: Vec<&String> = all.iter().filter(|r| !roots.contains(*r)).collect();
        assert!(missing.is_empty(), "roots without a pattern: {missing:?}");
    }

    #[test]
    fn spans_outside_the_text_never_panic() {
        let mut doc = Document::from_text("bad", "");
        doc.text = "Russia shelled Ukraine. Café “Kyiv” – é".to_string();
        let len = doc.text.len();
        doc.sentences = vec![
            Sentence {
                span: Span { start: 0, end: 23 },
                paragraph: 0,
            },
            Sentence {
                span: Span {
                    start: 24,
                    end: len + 10,
                },
                paragraph: 1,
            },
            Sentence {
                span: Span {
                    start: len - 1,
                    end: len,
                },
                paragraph: 1,
            },
            Sentence {
                span: Span { start: 30, end: 20 },
                paragraph: 2,
            },
        ];
        doc.entities = vec![Entity {
            name: "Ukraine".into(),
            kind_type: EntityType::Location,
            kind: Some("country".into()),
            codes: Codes {
                cameo: Some("UKR".into()),
                ..Default::default()
            },
            geo: None,
            mentions: vec![
                Span { start: 15, end: 22 },
                Span {
                    start: 500,
                    end: 400,
                },
                Span { start: 3, end: 2 },
            ],
        }];
        doc.dateline = Some(Span {
            start: 900,
            end: 1000,
        });
        // The first sentence's tokens, and one token past the text.
        let token = |start, end, kind| Token {
            span: Span { start, end },
            kind,
            sentence: 0,
        };
        doc.tokens = vec![
            token(0, 6, TokenKind::Word),
            token(7, 14, TokenKind::Word),
            token(15, 22, TokenKind::Word),
            token(22, 23, TokenKind::Punct),
            token(len, len + 5, TokenKind::Word),
        ];
        let stage = EventStage::new(Knowledge::embedded()).expect("stage builds");
        stage.run(&mut doc).expect("never an error");
        assert_eq!(doc.events.len(), 1);
        assert_eq!(doc.events[0].code, "194");
    }
}
