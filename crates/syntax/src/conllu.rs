//! Reading a CoNLL-U treebank into trees over the project's tokens.
//!
//! The engine parses the tokens of `crates/text`, whose conventions differ from Universal
//! Dependencies' in two ways this reader undoes so that training sees what run time sees:
//! - UD splits hyphenated compounds ("Russian - backed", "15 - year"); our tokenizer keeps them
//!   whole, so a word, a hyphen and a word written without spaces become one token;
//! - UD splits every contraction into syntactic words ("I'm" -> "I" "'m", "cannot" -> "can"
//!   "not"); our tokenizer splits off only the possessive `'s` and the negation `n't`, so other
//!   multi-word tokens are joined back into their surface form.
//!
//! A joined token takes the tag, head and relation of the word of the group whose head lies
//! outside the group (the first such word when there are several: "I" of "I'm", "can" of
//! "cannot").

/// One token of a tree: its surface form, tag (see [`crate::tags`]) and head.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeToken {
    pub form: String,
    /// Index into [`crate::tags::TAGS`].
    pub tag: u8,
    /// 1-based index of the head token; 0 for the root.
    pub head: usize,
    /// The dependency relation to the head (UD label with its subtype).
    pub deprel: String,
}

/// A sentence with its gold analysis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tree {
    pub tokens: Vec<TreeToken>,
}

/// One syntactic word of a CoNLL-U sentence.
struct Word {
    form: String,
    upos: String,
    xpos: String,
    head: usize,
    deprel: String,
    space_after: bool,
}

/// A multi-word token line: words `first..=last` written as `form`.
struct Range {
    first: usize,
    last: usize,
    form: String,
    space_after: bool,
}

/// Read every sentence of a CoNLL-U text. Malformed lines are skipped with their sentence's
/// other words kept; a sentence whose heads point outside it is dropped.
pub fn read(text: &str) -> Vec<Tree> {
    let mut trees = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut ranges: Vec<Range> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !words.is_empty() {
                if let Some(tree) = convert(&words, &ranges) {
                    trees.push(tree);
                }
            }
            words.clear();
            ranges.clear();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            continue;
        }
        let space_after = !cols[9].split('|').any(|m| m == "SpaceAfter=No");
        if let Some((a, b)) = cols[0].split_once('-') {
            if let (Ok(first), Ok(last)) = (a.parse(), b.parse()) {
                ranges.push(Range {
                    first,
                    last,
                    form: cols[1].to_string(),
                    space_after,
                });
            }
            continue;
        }
        // Empty nodes ("8.1") belong to the enhanced graph only.
        if cols[0].contains('.') {
            continue;
        }
        let Ok(head) = cols[6].parse() else { continue };
        words.push(Word {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            space_after,
        });
    }
    trees
}

/// Whether a syntactic word is a clitic our tokenizer splits off too.
fn is_split_clitic(form: &str) -> bool {
    let f = form.replace('\u{2019}', "'").to_lowercase();
    f == "'s" || f == "n't"
}

fn alnum_at_end(s: &str) -> bool {
    s.chars().next_back().is_some_and(char::is_alphanumeric)
}

fn alnum_at_start(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

/// A group of consecutive words (0-based, inclusive) that becomes one token.
struct Group {
    first: usize,
    last: usize,
    form: String,
    space_after: bool,
}

fn convert(words: &[Word], ranges: &[Range]) -> Option<Tree> {
    let n = words.len();
    // 1. Multi-word tokens: keep the clitic splits, join the rest.
    let mut groups: Vec<Group> = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let range = ranges.iter().find(|r| r.first == i + 1 && r.last <= n);
        match range {
            Some(r) if !(r.last == r.first + 1 && is_split_clitic(&words[r.last - 1].form)) => {
                groups.push(Group {
                    first: i,
                    last: r.last - 1,
                    form: r.form.clone(),
                    space_after: r.space_after,
                });
                i = r.last;
            }
            Some(r) => {
                // "Bush's", "didn't": two tokens, the range's spacing after the second.
                let (a, b) = (i, r.last - 1);
                groups.push(Group {
                    first: a,
                    last: a,
                    form: words[a].form.clone(),
                    space_after: false,
                });
                groups.push(Group {
                    first: b,
                    last: b,
                    form: words[b].form.clone(),
                    space_after: r.space_after,
                });
                i = r.last;
            }
            None => {
                groups.push(Group {
                    first: i,
                    last: i,
                    form: words[i].form.clone(),
                    space_after: words[i].space_after,
                });
                i += 1;
            }
        }
    }
    // 2. Hyphenated compounds written without spaces become one token.
    let mut joined: Vec<Group> = Vec::with_capacity(groups.len());
    let mut g = 0;
    while g < groups.len() {
        let mut cur = Group {
            first: groups[g].first,
            last: groups[g].last,
            form: groups[g].form.clone(),
            space_after: groups[g].space_after,
        };
        g += 1;
        while g + 1 < groups.len()
            && !cur.space_after
            && groups[g].form == "-"
            && !groups[g].space_after
            && alnum_at_end(&cur.form)
            && alnum_at_start(&groups[g + 1].form)
        {
            cur.form.push('-');
            cur.form.push_str(&groups[g + 1].form);
            cur.last = groups[g + 1].last;
            cur.space_after = groups[g + 1].space_after;
            g += 2;
        }
        joined.push(cur);
    }
    // 3. Each group takes the analysis of its word whose head is outside it.
    let mut group_of = vec![0usize; n];
    for (k, gr) in joined.iter().enumerate() {
        group_of[gr.first..=gr.last].fill(k);
    }
    let mut tokens = Vec::with_capacity(joined.len());
    for (k, gr) in joined.iter().enumerate() {
        let outside = (gr.first..=gr.last)
            .find(|&w| {
                let h = words[w].head;
                h == 0 || h > n || group_of[h - 1] != k
            })
            .unwrap_or(gr.last);
        let w = &words[outside];
        if w.head > n {
            return None;
        }
        let head = if w.head == 0 {
            0
        } else {
            group_of[w.head - 1] + 1
        };
        tokens.push(TreeToken {
            form: gr.form.clone(),
            tag: crate::tags::tag_of(&w.upos, &w.xpos),
            head,
            deprel: w.deprel.clone(),
        });
    }
    Some(Tree { tokens })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::TAGS;

    const SAMPLE: &str = "# text = Bush's Russian-backed plan, I'm sure.
1-2\tBush's\t_\t_\t_\t_\t_\t_\t_\t_
1\tBush\tBush\tPROPN\tNNP\t_\t6\tnmod:poss\t_\t_
2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_
3\tRussian\tRussian\tADJ\tJJ\t_\t5\tamod\t_\tSpaceAfter=No
4\t-\t-\tPUNCT\tHYPH\t_\t3\tpunct\t_\tSpaceAfter=No
5\tbacked\tback\tVERB\tVBN\t_\t6\tamod\t_\t_
6\tplan\tplan\tNOUN\tNN\t_\t10\tnsubj\t_\tSpaceAfter=No
7\t,\t,\tPUNCT\t,\t_\t6\tpunct\t_\t_
8-9\tI'm\t_\t_\t_\t_\t_\t_\t_\t_
8\tI\tI\tPRON\tPRP\t_\t10\tnsubj\t_\t_
9\t'm\tbe\tAUX\tVBP\t_\t10\tcop\t_\t_
10\tsure\tsure\tADJ\tJJ\t_\t0\troot\t_\tSpaceAfter=No
11\t.\t.\tPUNCT\t.\t_\t10\tpunct\t_\t_
";

    #[test]
    fn hyphen_compounds_and_contractions_follow_the_tokenizer() {
        let trees = read(SAMPLE);
        assert_eq!(trees.len(), 1);
        let t = &trees[0].tokens;
        let forms: Vec<&str> = t.iter().map(|t| t.form.as_str()).collect();
        assert_eq!(
            forms,
            [
                "Bush",
                "'s",
                "Russian-backed",
                "plan",
                ",",
                "I'm",
                "sure",
                "."
            ]
        );
        // "Russian-backed" is the participle's token, modifying "plan" (token 4).
        assert_eq!(TAGS[t[2].tag as usize], "VERB_VBN");
        assert_eq!((t[2].head, t[2].deprel.as_str()), (4, "amod"));
        // "I'm" keeps the pronoun's analysis: subject of "sure" (token 7).
        assert_eq!((t[5].head, t[5].deprel.as_str()), (7, "nsubj"));
        assert_eq!(t[6].head, 0);
        assert_eq!((t[0].head, t[1].head), (4, 1));
    }
}
