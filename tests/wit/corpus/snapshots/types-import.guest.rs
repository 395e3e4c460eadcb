#[allow(dead_code, clippy::all)]
pub mod corpus {
    pub mod types {
        #[allow(dead_code, async_fn_in_trait, unused_imports, clippy::all)]
        pub mod shapes {
            #[used]
            #[doc(hidden)]
            static __FORCE_SECTION_REF: fn() = super::super::super::__link_custom_section_describing_imports;
            use super::super::super::_rt;
            #[repr(C)]
            #[derive(Clone, Copy)]
            pub struct Point {
                pub x: i32,
                pub y: i32,
            }
            impl ::core::fmt::Debug for Point {
                fn fmt(
                    &self,
                    f: &mut ::core::fmt::Formatter<'_>,
                ) -> ::core::fmt::Result {
                    f.debug_struct("Point")
                        .field("x", &self.x)
                        .field("y", &self.y)
                        .finish()
                }
            }
            #[derive(Clone)]
            pub struct Sample {
                pub small: u8,
                pub medium: u16,
                pub large: u32,
                pub huge: u64,
                pub signed_small: i8,
                pub signed_medium: i16,
                pub signed_large: i32,
                pub signed_huge: i64,
                pub ratio: f32,
                pub precise: f64,
                pub flag: bool,
                pub letter: char,
                pub text: _rt::String,
            }
            impl ::core::fmt::Debug for Sample {
                fn fmt(
                    &self,
                    f: &mut ::core::fmt::Formatter<'_>,
                ) -> ::core::fmt::Result {
                    f.debug_struct("Sample")
                        .field("small", &self.small)
                        .field("medium", &self.medium)
                        .field("large", &self.large)
                        .field("huge", &self.huge)
                        .field("signed-small", &self.signed_small)
                        .field("signed-medium", &self.signed_medium)
                        .field("signed-large", &self.signed_large)
                        .field("signed-huge", &self.signed_huge)
                        .field("ratio", &self.ratio)
                        .field("precise", &self.precise)
                        .field("flag", &self.flag)
                        .field("letter", &self.letter)
                        .field("text", &self.text)
                        .finish()
                }
            }
            #[derive(Clone)]
            pub enum Shape {
                Circle(f64),
                Rect((Point, Point)),
                Polygon(_rt::Vec<Point>),
                Empty,
            }
            impl ::core::fmt::Debug for Shape {
                fn fmt(
                    &self,
                    f: &mut ::core::fmt::Formatter<'_>,
                ) -> ::core::fmt::Result {
                    match self {
                        Shape::Circle(e) => {
                            f.debug_tuple("Shape::Circle").field(e).finish()
                        }
                        Shape::Rect(e) => f.debug_tuple("Shape::Rect").field(e).finish(),
                        Shape::Polygon(e) => {
                            f.debug_tuple("Shape::Polygon").field(e).finish()
                        }
                        Shape::Empty => f.debug_tuple("Shape::Empty").finish(),
                    }
                }
            }
            #[repr(u8)]
            #[derive(Clone, Copy, Eq, Ord, PartialEq, PartialOrd)]
            pub enum Color {
                Red,
                Green,
                Blue,
            }
            impl Color {
                pub fn name(&self) -> &'static str {
                    match self {
                        Color::Red => "red",
                        Color::Green => "green",
                        Color::Blue => "blue",
                    }
                }
                pub fn message(&self) -> &'static str {
                    match self {
                        Color::Red => "",
                        Color::Green => "",
                        Color::Blue => "",
                    }
                }
            }
            impl ::core::fmt::Debug for Color {
                fn fmt(
                    &self,
                    f: &mut ::core::fmt::Formatter<'_>,
                ) -> ::core::fmt::Result {
                    f.debug_struct("Color")
                        .field("code", &(*self as i32))
                        .field("name", &self.name())
                        .field("message", &self.message())
                        .finish()
                }
            }
            impl ::core::fmt::Display for Color {
                fn fmt(
                    &self,
                    f: &mut ::core::fmt::Formatter<'_>,
                ) -> ::core::fmt::Result {
                    write!(f, "{} (error {})", self.name(), * self as i32)
                }
            }
            impl ::core::error::Error for Color {}
            impl Color {
                #[doc(hidden)]
                pub unsafe fn _lift(val: u8) -> Color {
                    if !cfg!(debug_assertions) {
                        return unsafe { ::core::mem::transmute(val) };
                    }
                    match val {
                        0 => Color::Red,
                        1 => Color::Green,
                        2 => Color::Blue,
                        _ => panic!("invalid enum discriminant"),
                    }
                }
            }
            ::guestkit::__private::wit_bindgen::rt::bitflags::bitflags! {
                #[derive(PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Clone, Copy)] pub
                struct Permissions : u8 { const READ = 1 << 0; const WRITE = 1 << 1;
                const EXECUTE = 1 << 2; }
            }
            pub type Pair = (u8, _rt::String);
            pub type MaybePoints = Option<_rt::Vec<Point>>;
            #[allow(unused_unsafe, clippy::all)]
            #[allow(async_fn_in_trait)]
            pub fn area(s: &Shape) -> Result<f64, _rt::String> {
                unsafe {
                    #[repr(align(8))]
                    struct RetArea(
                        [::core::mem::MaybeUninit<
                            u8,
                        >; 8 + 2 * ::core::mem::size_of::<*const u8>()],
                    );
                    let mut ret_area = RetArea(
                        [::core::mem::MaybeUninit::uninit(); 8
                            + 2 * ::core::mem::size_of::<*const u8>()],
                    );
                    let (result4_0, result4_1, result4_2, result4_3, result4_4) = match s {
                        Shape::Circle(e) => {
                            (
                                0i32,
                                ::core::mem::MaybeUninit::new(
                                    (_rt::as_f64(e)).to_bits() as i64 as u64,
                                ),
                                0usize,
                                0i32,
                                0i32,
                            )
                        }
                        Shape::Rect(e) => {
                            let (t0_0, t0_1) = e;
                            let Point { x: x1, y: y1 } = t0_0;
                            let Point { x: x2, y: y2 } = t0_1;
                            (
                                1i32,
                                ::core::mem::MaybeUninit::new(
                                    i64::from(_rt::as_i32(x1)) as u64,
                                ),
                                _rt::as_i32(y1) as usize,
                                _rt::as_i32(x2),
                                _rt::as_i32(y2),
                            )
                        }
                        Shape::Polygon(e) => {
                            let vec3 = e;
                            let ptr3 = vec3.as_ptr().cast::<u8>();
                            let len3 = vec3.len();
                            (
                                2i32,
                                {
                                    let mut t = ::core::mem::MaybeUninit::<u64>::uninit();
                                    t.as_mut_ptr().cast::<*mut u8>().write(ptr3.cast_mut());
                                    t
                                },
                                len3,
                                0i32,
                                0i32,
                            )
                        }
                        Shape::Empty => {
                            (
                                3i32,
                                ::core::mem::MaybeUninit::<u64>::zeroed(),
                                0usize,
                                0i32,
                                0i32,
                            )
                        }
                    };
                    let ptr5 = ret_area.0.as_mut_ptr().cast::<u8>();
                    #[cfg(target_arch = "wasm32")]
                    #[link(wasm_import_module = "corpus:types/shapes@0.1.0")]
                    unsafe extern "C" {
                        #[link_name = "area"]
                        fn wit_import6(
                            _: i32,
                            _: ::core::mem::MaybeUninit<u64>,
                            _: usize,
                            _: i32,
                            _: i32,
                            _: *mut u8,
                        );
                    }
                    #[cfg(not(target_arch = "wasm32"))]
                    unsafe extern "C" fn wit_import6(
                        _: i32,
                        _: ::core::mem::MaybeUninit<u64>,
                        _: usize,
                        _: i32,
                        _: i32,
                        _: *mut u8,
                    ) {
                        unreachable!()
                    }
                    wit_import6(
                        result4_0,
                        result4_1,
                        result4_2,
                        result4_3,
                        result4_4,
                        ptr5,
                    );
                    let l7 = i32::from(*ptr5.add(0).cast::<u8>());
                    let result12 = match l7 {
                        0 => {
                            let e = {
                                let l8 = *ptr5.add(8).cast::<f64>();
                                l8
                            };
                            Ok(e)
                        }
                        1 => {
                            let e = {
                                let l9 = *ptr5.add(8).cast::<*mut u8>();
                                let l10 = *ptr5
                                    .add(8 + 1 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>();
                                let len11 = l10;
                                let bytes11 = _rt::Vec::from_raw_parts(
                                    l9.cast(),
                                    len11,
                                    len11,
                                );
                                _rt::string_lift(bytes11)
                            };
                            Err(e)
                        }
                        _ => _rt::invalid_enum_discriminant(),
                    };
                    result12
                }
            }
            #[allow(unused_unsafe, clippy::all)]
            #[allow(async_fn_in_trait)]
            pub fn paint(s: &Shape, c: Color) -> Result<(), Color> {
                unsafe {
                    #[repr(align(1))]
                    struct RetArea([::core::mem::MaybeUninit<u8>; 2]);
                    let mut ret_area = RetArea([::core::mem::MaybeUninit::uninit(); 2]);
                    let (result4_0, result4_1, result4_2, result4_3, result4_4) = match s {
                        Shape::Circle(e) => {
                            (
                                0i32,
                                ::core::mem::MaybeUninit::new(
                                    (_rt::as_f64(e)).to_bits() as i64 as u64,
                                ),
                                0usize,
                                0i32,
                                0i32,
                            )
                        }
                        Shape::Rect(e) => {
                            let (t0_0, t0_1) = e;
                            let Point { x: x1, y: y1 } = t0_0;
                            let Point { x: x2, y: y2 } = t0_1;
                            (
                                1i32,
                                ::core::mem::MaybeUninit::new(
                                    i64::from(_rt::as_i32(x1)) as u64,
                                ),
                                _rt::as_i32(y1) as usize,
                                _rt::as_i32(x2),
                                _rt::as_i32(y2),
                            )
                        }
                        Shape::Polygon(e) => {
                            let vec3 = e;
                            let ptr3 = vec3.as_ptr().cast::<u8>();
                            let len3 = vec3.len();
                            (
                                2i32,
                                {
                                    let mut t = ::core::mem::MaybeUninit::<u64>::uninit();
                                    t.as_mut_ptr().cast::<*mut u8>().write(ptr3.cast_mut());
                                    t
                                },
                                len3,
                                0i32,
                                0i32,
                            )
                        }
                        Shape::Empty => {
                            (
                                3i32,
                                ::core::mem::MaybeUninit::<u64>::zeroed(),
                                0usize,
                                0i32,
                                0i32,
                            )
                        }
                    };
                    let ptr5 = ret_area.0.as_mut_ptr().cast::<u8>();
                    #[cfg(target_arch = "wasm32")]
                    #[link(wasm_import_module = "corpus:types/shapes@0.1.0")]
                    unsafe extern "C" {
                        #[link_name = "paint"]
                        fn wit_import6(
                            _: i32,
                            _: ::core::mem::MaybeUninit<u64>,
                            _: usize,
                            _: i32,
                            _: i32,
                            _: i32,
                            _: *mut u8,
                        );
                    }
                    #[cfg(not(target_arch = "wasm32"))]
                    unsafe extern "C" fn wit_import6(
                        _: i32,
                        _: ::core::mem::MaybeUninit<u64>,
                        _: usize,
                        _: i32,
                        _: i32,
                        _: i32,
                        _: *mut u8,
                    ) {
                        unreachable!()
                    }
                    wit_import6(
                        result4_0,
                        result4_1,
                        result4_2,
                        result4_3,
                        result4_4,
                        c.clone() as i32,
                        ptr5,
                    );
                    let l7 = i32::from(*ptr5.add(0).cast::<u8>());
                    let result9 = match l7 {
                        0 => {
                            let e = ();
                            Ok(e)
                        }
                        1 => {
                            let e = {
                                let l8 = i32::from(*ptr5.add(1).cast::<u8>());
                                Color::_lift(l8 as u8)
                            };
                            Err(e)
                        }
                        _ => _rt::invalid_enum_discriminant(),
                    };
                    result9
                }
            }
            #[allow(unused_unsafe, clippy::all)]
            #[allow(async_fn_in_trait)]
            pub fn check(p: Permissions) -> Result<Permissions, ()> {
                unsafe {
                    #[repr(align(1))]
                    struct RetArea([::core::mem::MaybeUninit<u8>; 2]);
                    let mut ret_area = RetArea([::core::mem::MaybeUninit::uninit(); 2]);
                    let flags0 = p;
                    let ptr1 = ret_area.0.as_mut_ptr().cast::<u8>();
                    #[cfg(target_arch = "wasm32")]
                    #[link(wasm_import_module = "corpus:types/shapes@0.1.0")]
                    unsafe extern "C" {
                        #[link_name = "check"]
                        fn wit_import2(_: i32, _: *mut u8);
                    }
                    #[cfg(not(target_arch = "wasm32"))]
                    unsafe extern "C" fn wit_import2(_: i32, _: *mut u8) {
                        unreachable!()
                    }
                    wit_import2((flags0.bits() >> 0) as i32, ptr1);
                    let l3 = i32::from(*ptr1.add(0).cast::<u8>());
                    let result5 = match l3 {
                        0 => {
                            let e = {
                                let l4 = i32::from(*ptr1.add(1).cast::<u8>());
                                Permissions::empty()
                                    | Permissions::from_bits_retain(((l4 as u8) << 0) as _)
                            };
                            Ok(e)
                        }
                        1 => {
                            let e = ();
                            Err(e)
                        }
                        _ => _rt::invalid_enum_discriminant(),
                    };
                    result5
                }
            }
            #[allow(unused_unsafe, clippy::all)]
            #[allow(async_fn_in_trait)]
            pub fn echo(s: &Sample) -> Sample {
                unsafe {
                    #[repr(align(8))]
                    struct RetArea(
                        [::core::mem::MaybeUninit<
                            u8,
                        >; 56 + 2 * ::core::mem::size_of::<*const u8>()],
                    );
                    let mut ret_area = RetArea(
                        [::core::mem::MaybeUninit::uninit(); 56
                            + 2 * ::core::mem::size_of::<*const u8>()],
                    );
                    let Sample {
                        small: small0,
                        medium: medium0,
                        large: large0,
                        huge: huge0,
                        signed_small: signed_small0,
                        signed_medium: signed_medium0,
                        signed_large: signed_large0,
                        signed_huge: signed_huge0,
                        ratio: ratio0,
                        precise: precise0,
                        flag: flag0,
                        letter: letter0,
                        text: text0,
                    } = s;
                    let vec1 = text0;
                    let ptr1 = vec1.as_ptr().cast::<u8>();
                    let len1 = vec1.len();
                    let ptr2 = ret_area.0.as_mut_ptr().cast::<u8>();
                    #[cfg(target_arch = "wasm32")]
                    #[link(wasm_import_module = "corpus:types/shapes@0.1.0")]
                    unsafe extern "C" {
                        #[link_name = "echo"]
                        fn wit_import3(
                            _: i32,
                            _: i32,
                            _: i32,
                            _: i64,
                            _: i32,
                            _: i32,
                            _: i32,
                            _: i64,
                            _: f32,
                            _: f64,
                            _: i32,
                            _: i32,
                            _: *mut u8,
                            _: usize,
                            _: *mut u8,
                        );
                    }
                    #[cfg(not(target_arch = "wasm32"))]
                    unsafe extern "C" fn wit_import3(
                        _: i32,
                        _: i32,
                        _: i32,
                        _: i64,
                        _: i32,
                        _: i32,
                        _: i32,
                        _: i64,
                        _: f32,
                        _: f64,
                        _: i32,
                        _: i32,
                        _: *mut u8,
                        _: usize,
                        _: *mut u8,
                    ) {
                        unreachable!()
                    }
                    wit_import3(
                        _rt::as_i32(small0),
                        _rt::as_i32(medium0),
                        _rt::as_i32(large0),
                        _rt::as_i64(huge0),
                        _rt::as_i32(signed_small0),
                        _rt::as_i32(signed_medium0),
                        _rt::as_i32(signed_large0),
                        _rt::as_i64(signed_huge0),
                        _rt::as_f32(ratio0),
                        _rt::as_f64(precise0),
                        match flag0 {
                            true => 1,
                            false => 0,
                        },
                        _rt::as_i32(letter0),
                        ptr1.cast_mut(),
                        len1,
                        ptr2,
                    );
                    let l4 = i32::from(*ptr2.add(0).cast::<u8>());
                    let l5 = i32::from(*ptr2.add(2).cast::<u16>());
                    let l6 = *ptr2.add(4).cast::<i32>();
                    let l7 = *ptr2.add(8).cast::<i64>();
                    let l8 = i32::from(*ptr2.add(16).cast::<i8>());
                    let l9 = i32::from(*ptr2.add(18).cast::<i16>());
                    let l10 = *ptr2.add(20).cast::<i32>();
                    let l11 = *ptr2.add(24).cast::<i64>();
                    let l12 = *ptr2.add(32).cast::<f32>();
                    let l13 = *ptr2.add(40).cast::<f64>();
                    let l14 = i32::from(*ptr2.add(48).cast::<u8>());
                    let l15 = *ptr2.add(52).cast::<i32>();
                    let l16 = *ptr2.add(56).cast::<*mut u8>();
                    let l17 = *ptr2
                        .add(56 + 1 * ::core::mem::size_of::<*const u8>())
                        .cast::<usize>();
                    let len18 = l17;
                    let bytes18 = _rt::Vec::from_raw_parts(l16.cast(), len18, len18);
                    let result19 = Sample {
                        small: l4 as u8,
                        medium: l5 as u16,
                        large: l6 as u32,
                        huge: l7 as u64,
                        signed_small: l8 as i8,
                        signed_medium: l9 as i16,
                        signed_large: l10,
                        signed_huge: l11,
                        ratio: l12,
                        precise: l13,
                        flag: _rt::bool_lift(l14 as u8),
                        letter: _rt::char_lift(l15 as u32),
                        text: _rt::string_lift(bytes18),
                    };
                    result19
                }
            }
            #[allow(unused_unsafe, clippy::all)]
            #[allow(async_fn_in_trait)]
            pub fn pairs(items: &[Pair]) -> (u32, _rt::Vec<_rt::String>) {
                unsafe {
                    #[cfg_attr(target_pointer_width = "64", repr(align(8)))]
                    #[cfg_attr(target_pointer_width = "32", repr(align(4)))]
                    struct RetArea(
                        [::core::mem::MaybeUninit<
                            u8,
                        >; 3 * ::core::mem::size_of::<*const u8>()],
                    );
                    let mut ret_area = RetArea(
                        [::core::mem::MaybeUninit::uninit(); 3
                            * ::core::mem::size_of::<*const u8>()],
                    );
                    let vec2 = items;
                    let len2 = vec2.len();
                    let layout2 = _rt::alloc::Layout::from_size_align(
                            vec2.len() * (3 * ::core::mem::size_of::<*const u8>()),
                            ::core::mem::size_of::<*const u8>(),
                        )
                        .unwrap();
                    let (result2, _cleanup2) = ::guestkit::__private::wit_bindgen::rt::Cleanup::new(
                        layout2,
                    );
                    for (i, e) in vec2.into_iter().enumerate() {
                        let base = result2
                            .add(i * (3 * ::core::mem::size_of::<*const u8>()));
                        {
                            let (t0_0, t0_1) = e;
                            *base.add(0).cast::<u8>() = (_rt::as_i32(t0_0)) as u8;
                            let vec1 = t0_1;
                            let ptr1 = vec1.as_ptr().cast::<u8>();
                            let len1 = vec1.len();
                            *base
                                .add(2 * ::core::mem::size_of::<*const u8>())
                                .cast::<usize>() = len1;
                            *base
                                .add(::core::mem::size_of::<*const u8>())
                                .cast::<*mut u8>() = ptr1.cast_mut();
                        }
                    }
                    let ptr3 = ret_area.0.as_mut_ptr().cast::<u8>();
                    #[cfg(target_arch = "wasm32")]
                    #[link(wasm_import_module = "corpus:types/shapes@0.1.0")]
                    unsafe extern "C" {
                        #[link_name = "pairs"]
                        fn wit_import4(_: *mut u8, _: usize, _: *mut u8);
                    }
                    #[cfg(not(target_arch = "wasm32"))]
                    unsafe extern "C" fn wit_import4(_: *mut u8, _: usize, _: *mut u8) {
                        unreachable!()
                    }
                    wit_import4(result2, len2, ptr3);
                    let l5 = *ptr3.add(0).cast::<i32>();
                    let l6 = *ptr3
                        .add(::core::mem::size_of::<*const u8>())
                        .cast::<*mut u8>();
                    let l7 = *ptr3
                        .add(2 * ::core::mem::size_of::<*const u8>())
                        .cast::<usize>();
                    let base11 = l6;
                    let len11 = l7;
                    let mut result11 = _rt::Vec::with_capacity(len11);
                    for i in 0..len11 {
                        let base = base11
                            .add(i * (2 * ::core::mem::size_of::<*const u8>()));
                        let e11 = {
                            let l8 = *base.add(0).cast::<*mut u8>();
                            let l9 = *base
                                .add(::core::mem::size_of::<*const u8>())
                                .cast::<usize>();
                            let len10 = l9;
                            let bytes10 = _rt::Vec::from_raw_parts(
                                l8.cast(),
                                len10,
                                len10,
                            );
                            _rt::string_lift(bytes10)
                        };
                        result11.push(e11);
                    }
                    _rt::cabi_dealloc(
                        base11,
                        len11 * (2 * ::core::mem::size_of::<*const u8>()),
                        ::core::mem::size_of::<*const u8>(),
                    );
                    let result12 = (l5 as u32, result11);
                    result12
                }
            }
            #[allow(unused_unsafe, clippy::all)]
            #[allow(async_fn_in_trait)]
            pub fn nested(x: Option<Option<Result<&[(u8, i64)], &str>>>) -> MaybePoints {
                unsafe {
                    let mut cleanup_list = _rt::Vec::new();
                    #[cfg_attr(target_pointer_width = "64", repr(align(8)))]
                    #[cfg_attr(target_pointer_width = "32", repr(align(4)))]
                    struct RetArea(
                        [::core::mem::MaybeUninit<
                            u8,
                        >; 3 * ::core::mem::size_of::<*const u8>()],
                    );
                    let mut ret_area = RetArea(
                        [::core::mem::MaybeUninit::uninit(); 3
                            * ::core::mem::size_of::<*const u8>()],
                    );
                    let (result5_0, result5_1, result5_2, result5_3, result5_4) = match x {
                        Some(e) => {
                            let (result4_0, result4_1, result4_2, result4_3) = match e {
                                Some(e) => {
                                    let (result3_0, result3_1, result3_2) = match e {
                                        Ok(e) => {
                                            let vec1 = e;
                                            let len1 = vec1.len();
                                            let layout1 = _rt::alloc::Layout::from_size_align(
                                                    vec1.len() * 16,
                                                    8,
                                                )
                                                .unwrap();
                                            let (result1, _cleanup1) = ::guestkit::__private::wit_bindgen::rt::Cleanup::new(
                                                layout1,
                                            );
                                            cleanup_list.extend(_cleanup1);
                                            for (i, e) in vec1.into_iter().enumerate() {
                                                let base = result1.add(i * 16);
                                                {
                                                    let (t0_0, t0_1) = e;
                                                    *base.add(0).cast::<u8>() = (_rt::as_i32(t0_0)) as u8;
                                                    *base.add(8).cast::<i64>() = _rt::as_i64(t0_1);
                                                }
                                            }
                                            (0i32, result1, len1)
                                        }
                                        Err(e) => {
                                            let vec2 = e;
                                            let ptr2 = vec2.as_ptr().cast::<u8>();
                                            let len2 = vec2.len();
                                            (1i32, ptr2.cast_mut(), len2)
                                        }
                                    };
                                    (1i32, result3_0, result3_1, result3_2)
                                }
                                None => (0i32, 0i32, ::core::ptr::null_mut(), 0usize),
                            };
                            (1i32, result4_0, result4_1, result4_2, result4_3)
                        }
                        None => (0i32, 0i32, 0i32, ::core::ptr::null_mut(), 0usize),
                    };
                    let ptr6 = ret_area.0.as_mut_ptr().cast::<u8>();
                    #[cfg(target_arch = "wasm32")]
                    #[link(wasm_import_module = "corpus:types/shapes@0.1.0")]
                    unsafe extern "C" {
                        #[link_name = "nested"]
                        fn wit_import7(
                            _: i32,
                            _: i32,
                            _: i32,
                            _: *mut u8,
                            _: usize,
                            _: *mut u8,
                        );
                    }
                    #[cfg(not(target_arch = "wasm32"))]
                    unsafe extern "C" fn wit_import7(
                        _: i32,
                        _: i32,
                        _: i32,
                        _: *mut u8,
                        _: usize,
                        _: *mut u8,
                    ) {
                        unreachable!()
                    }
                    wit_import7(
                        result5_0,
                        result5_1,
                        result5_2,
                        result5_3,
                        result5_4,
                        ptr6,
                    );
                    let l8 = i32::from(*ptr6.add(0).cast::<u8>());
                    let result12 = match l8 {
                        0 => None,
                        1 => {
                            let e = {
                                let l9 = *ptr6
                                    .add(::core::mem::size_of::<*const u8>())
                                    .cast::<*mut u8>();
                                let l10 = *ptr6
                                    .add(2 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>();
                                let len11 = l10;
                                <_ as From<
                                    _rt::Vec<_>,
                                >>::from(_rt::Vec::from_raw_parts(l9.cast(), len11, len11))
                            };
                            Some(e)
                        }
                        _ => _rt::invalid_enum_discriminant(),
                    };
                    result12
                }
            }
            #[allow(unused_unsafe, clippy::all)]
            #[allow(async_fn_in_trait)]
            pub fn bytes(b: &[u8]) -> _rt::Vec<u8> {
                unsafe {
                    #[cfg_attr(target_pointer_width = "64", repr(align(8)))]
                    #[cfg_attr(target_pointer_width = "32", repr(align(4)))]
                    struct RetArea(
                        [::core::mem::MaybeUninit<
                            u8,
                        >; 2 * ::core::mem::size_of::<*const u8>()],
                    );
                    let mut ret_area = RetArea(
                        [::core::mem::MaybeUninit::uninit(); 2
                            * ::core::mem::size_of::<*const u8>()],
                    );
                    let vec0 = b;
                    let ptr0 = vec0.as_ptr().cast::<u8>();
                    let len0 = vec0.len();
                    let ptr1 = ret_area.0.as_mut_ptr().cast::<u8>();
                    #[cfg(target_arch = "wasm32")]
                    #[link(wasm_import_module = "corpus:types/shapes@0.1.0")]
                    unsafe extern "C" {
                        #[link_name = "bytes"]
                        fn wit_import2(_: *mut u8, _: usize, _: *mut u8);
                    }
                    #[cfg(not(target_arch = "wasm32"))]
                    unsafe extern "C" fn wit_import2(_: *mut u8, _: usize, _: *mut u8) {
                        unreachable!()
                    }
                    wit_import2(ptr0.cast_mut(), len0, ptr1);
                    let l3 = *ptr1.add(0).cast::<*mut u8>();
                    let l4 = *ptr1
                        .add(::core::mem::size_of::<*const u8>())
                        .cast::<usize>();
                    let len5 = l4;
                    let result6 = <_ as From<
                        _rt::Vec<_>,
                    >>::from(_rt::Vec::from_raw_parts(l3.cast(), len5, len5));
                    result6
                }
            }
            #[allow(unused_unsafe, clippy::all)]
            #[allow(async_fn_in_trait)]
            pub fn nothing() -> () {
                unsafe {
                    #[cfg(target_arch = "wasm32")]
                    #[link(wasm_import_module = "corpus:types/shapes@0.1.0")]
                    unsafe extern "C" {
                        #[link_name = "nothing"]
                        fn wit_import0();
                    }
                    #[cfg(not(target_arch = "wasm32"))]
                    unsafe extern "C" fn wit_import0() {
                        unreachable!()
                    }
                    wit_import0();
                }
            }
        }
        #[allow(dead_code, async_fn_in_trait, unused_imports, clippy::all)]
        pub mod uses_shapes {
            #[used]
            #[doc(hidden)]
            static __FORCE_SECTION_REF: fn() = super::super::super::__link_custom_section_describing_imports;
            use super::super::super::_rt;
            pub type Point = super::super::super::corpus::types::shapes::Point;
            pub type Color = super::super::super::corpus::types::shapes::Color;
            #[repr(C)]
            #[derive(Clone, Copy)]
            pub struct Pixel {
                pub at: Point,
                pub color: Color,
            }
            impl ::core::fmt::Debug for Pixel {
                fn fmt(
                    &self,
                    f: &mut ::core::fmt::Formatter<'_>,
                ) -> ::core::fmt::Result {
                    f.debug_struct("Pixel")
                        .field("at", &self.at)
                        .field("color", &self.color)
                        .finish()
                }
            }
            #[allow(unused_unsafe, clippy::all)]
            #[allow(async_fn_in_trait)]
            pub fn draw(pixels: &[Pixel]) -> u32 {
                unsafe {
                    let vec2 = pixels;
                    let len2 = vec2.len();
                    let layout2 = _rt::alloc::Layout::from_size_align(vec2.len() * 12, 4)
                        .unwrap();
                    let (result2, _cleanup2) = ::guestkit::__private::wit_bindgen::rt::Cleanup::new(
                        layout2,
                    );
                    for (i, e) in vec2.into_iter().enumerate() {
                        let base = result2.add(i * 12);
                        {
                            let Pixel { at: at0, color: color0 } = e;
                            let super::super::super::corpus::types::shapes::Point {
                                x: x1,
                                y: y1,
                            } = at0;
                            *base.add(0).cast::<i32>() = _rt::as_i32(x1);
                            *base.add(4).cast::<i32>() = _rt::as_i32(y1);
                            *base.add(8).cast::<u8>() = (color0.clone() as i32) as u8;
                        }
                    }
                    #[cfg(target_arch = "wasm32")]
                    #[link(wasm_import_module = "corpus:types/uses-shapes@0.1.0")]
                    unsafe extern "C" {
                        #[link_name = "draw"]
                        fn wit_import3(_: *mut u8, _: usize) -> i32;
                    }
                    #[cfg(not(target_arch = "wasm32"))]
                    unsafe extern "C" fn wit_import3(_: *mut u8, _: usize) -> i32 {
                        unreachable!()
                    }
                    let ret = wit_import3(result2, len2);
                    ret as u32
                }
            }
        }
    }
}
mod _rt {
    #![allow(dead_code, unused_imports, clippy::all)]
    pub use alloc_crate::string::String;
    pub use alloc_crate::vec::Vec;
    pub fn as_f64<T: AsF64>(t: T) -> f64 {
        t.as_f64()
    }
    pub trait AsF64 {
        fn as_f64(self) -> f64;
    }
    impl<'a, T: Copy + AsF64> AsF64 for &'a T {
        fn as_f64(self) -> f64 {
            (*self).as_f64()
        }
    }
    impl AsF64 for f64 {
        #[inline]
        fn as_f64(self) -> f64 {
            self as f64
        }
    }
    pub fn as_i32<T: AsI32>(t: T) -> i32 {
        t.as_i32()
    }
    pub trait AsI32 {
        fn as_i32(self) -> i32;
    }
    impl<'a, T: Copy + AsI32> AsI32 for &'a T {
        fn as_i32(self) -> i32 {
            (*self).as_i32()
        }
    }
    impl AsI32 for i32 {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for u32 {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for i16 {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for u16 {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for i8 {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for u8 {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for char {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for usize {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    pub unsafe fn string_lift(bytes: Vec<u8>) -> String {
        if cfg!(debug_assertions) {
            String::from_utf8(bytes).unwrap()
        } else {
            unsafe { String::from_utf8_unchecked(bytes) }
        }
    }
    pub unsafe fn invalid_enum_discriminant<T>() -> T {
        if cfg!(debug_assertions) {
            panic!("invalid enum discriminant")
        } else {
            unsafe { core::hint::unreachable_unchecked() }
        }
    }
    pub fn as_i64<T: AsI64>(t: T) -> i64 {
        t.as_i64()
    }
    pub trait AsI64 {
        fn as_i64(self) -> i64;
    }
    impl<'a, T: Copy + AsI64> AsI64 for &'a T {
        fn as_i64(self) -> i64 {
            (*self).as_i64()
        }
    }
    impl AsI64 for i64 {
        #[inline]
        fn as_i64(self) -> i64 {
            self as i64
        }
    }
    impl AsI64 for u64 {
        #[inline]
        fn as_i64(self) -> i64 {
            self as i64
        }
    }
    pub fn as_f32<T: AsF32>(t: T) -> f32 {
        t.as_f32()
    }
    pub trait AsF32 {
        fn as_f32(self) -> f32;
    }
    impl<'a, T: Copy + AsF32> AsF32 for &'a T {
        fn as_f32(self) -> f32 {
            (*self).as_f32()
        }
    }
    impl AsF32 for f32 {
        #[inline]
        fn as_f32(self) -> f32 {
            self as f32
        }
    }
    pub unsafe fn bool_lift(val: u8) -> bool {
        if cfg!(debug_assertions) {
            match val {
                0 => false,
                1 => true,
                _ => panic!("invalid bool discriminant"),
            }
        } else {
            val != 0
        }
    }
    pub unsafe fn char_lift(val: u32) -> char {
        if cfg!(debug_assertions) {
            core::char::from_u32(val).unwrap()
        } else {
            unsafe { core::char::from_u32_unchecked(val) }
        }
    }
    pub use alloc_crate::alloc;
    pub unsafe fn cabi_dealloc(ptr: *mut u8, size: usize, align: usize) {
        if size == 0 {
            return;
        }
        unsafe {
            let layout = alloc::Layout::from_size_align_unchecked(size, align);
            alloc::dealloc(ptr, layout);
        }
    }
    extern crate alloc as alloc_crate;
}
#[cfg(target_arch = "wasm32")]
#[unsafe(
    link_section = "component-type:wit-bindgen:0.60.0:corpus:types@0.1.0:types-import:encoded world"
)]
#[doc(hidden)]
#[allow(clippy::octal_escapes)]
pub static __WIT_BINDGEN_COMPONENT_TYPE: [u8; 863] = *b"\
\0asm\x0d\0\x01\0\0\x19\x16wit-component-encoding\x04\0\x07\xdc\x05\x01A\x02\x01\
A\x06\x01B,\x01r\x02\x01xz\x01yz\x04\0\x05point\x03\0\0\x01r\x0d\x05small}\x06me\
dium{\x05largey\x04hugew\x0csigned-small~\x0dsigned-medium|\x0csigned-largez\x0b\
signed-hugex\x05ratiov\x07preciseu\x04flag\x7f\x06lettert\x04texts\x04\0\x06samp\
le\x03\0\x02\x01o\x02\x01\x01\x01p\x01\x01q\x04\x06circle\x01u\0\x04rect\x01\x04\
\0\x07polygon\x01\x05\0\x05empty\0\0\x04\0\x05shape\x03\0\x06\x01m\x03\x03red\x05\
green\x04blue\x04\0\x05color\x03\0\x08\x01n\x03\x04read\x05write\x07execute\x04\0\
\x0bpermissions\x03\0\x0a\x01o\x02}s\x04\0\x04pair\x03\0\x0c\x01k\x05\x04\0\x0cm\
aybe-points\x03\0\x0e\x01j\x01u\x01s\x01@\x01\x01s\x07\0\x10\x04\0\x04area\x01\x11\
\x01j\0\x01\x09\x01@\x02\x01s\x07\x01c\x09\0\x12\x04\0\x05paint\x01\x13\x01j\x01\
\x0b\0\x01@\x01\x01p\x0b\0\x14\x04\0\x05check\x01\x15\x01@\x01\x01s\x03\0\x03\x04\
\0\x04echo\x01\x16\x01p\x0d\x01ps\x01o\x02y\x18\x01@\x01\x05items\x17\0\x19\x04\0\
\x05pairs\x01\x1a\x01o\x02}x\x01p\x1b\x01j\x01\x1c\x01s\x01k\x1d\x01k\x1e\x01@\x01\
\x01x\x1f\0\x0f\x04\0\x06nested\x01\x20\x01p}\x01@\x01\x01b!\0!\x04\0\x05bytes\x01\
\"\x01@\0\x01\0\x04\0\x07nothing\x01#\x03\0\x19corpus:types/shapes@0.1.0\x05\0\x02\
\x03\0\0\x05point\x02\x03\0\0\x05color\x01B\x09\x02\x03\x02\x01\x01\x04\0\x05poi\
nt\x03\0\0\x02\x03\x02\x01\x02\x04\0\x05color\x03\0\x02\x01r\x02\x02at\x01\x05co\
lor\x03\x04\0\x05pixel\x03\0\x04\x01p\x05\x01@\x01\x06pixels\x06\0y\x04\0\x04dra\
w\x01\x07\x03\0\x1ecorpus:types/uses-shapes@0.1.0\x05\x03\x04\0\x1fcorpus:types/\
types-import@0.1.0\x04\0\x0b\x12\x01\0\x0ctypes-import\x03\0\0\0G\x09producers\x01\
\x0cprocessed-by\x02\x0dwit-component\x070.254.2\x10wit-bindgen-rust\x060.60.0";
#[inline(never)]
#[doc(hidden)]
pub fn __link_custom_section_describing_imports() {
    ::guestkit::__private::wit_bindgen::rt::maybe_link_cabi_realloc();
}
/// This world has no exports of its own: exports nothing, and checks that the type exists.
#[allow(unused_macros)]
macro_rules! export {
    ($ty:ident $($rest:tt)*) => {
        const _ : ::core::marker::PhantomData <$ty > = ::core::marker::PhantomData;
    };
}
