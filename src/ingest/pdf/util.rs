//! Small helpers over lopdf objects that never fail.
use lopdf::{Document, Object};

static NULL: Object = Object::Null;

/// Follows references (bounded), giving `Null` for dangling ones.
pub fn deref<'a>(doc: &'a Document, mut obj: &'a Object) -> &'a Object {
    for _ in 0..16 {
        match obj {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => obj = o,
                Err(_) => return &NULL,
            },
            _ => return obj,
        }
    }
    &NULL
}

pub fn num(obj: &Object) -> Option<f32> {
    match obj {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

pub fn name_of(obj: &Object) -> Option<&[u8]> {
    match obj {
        Object::Name(n) => Some(n),
        _ => None,
    }
}
