//! The parts a synthetic province is composed from: fields and their
//! subsections with the work each one holds, the lead agencies (after the
//! 2025 mergers: merged departments, wards and communes, no districts) and
//! the places projects sit in. Written for this generator in the manner of
//! Khánh Hòa's programs; no sentence is taken from a real document.

/// Which kinds of task a subsection tends to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mix {
    /// Policies, plans and schemes.
    Policy,
    /// Construction and investment: mostly projects.
    Works,
    /// Party building, defence: resolutions, directives, rules.
    Party,
}

impl Mix {
    /// Weights in the order of `TaskKind::ALL`: scheme, plan, project,
    /// resolution, directive, programme, regulation, strategy, handbook,
    /// measure.
    pub(crate) fn weights(self) -> [u32; 10] {
        match self {
            Mix::Policy => [22, 25, 6, 4, 2, 8, 6, 2, 1, 24],
            Mix::Works => [10, 12, 45, 2, 1, 5, 3, 1, 0, 21],
            Mix::Party => [18, 25, 1, 10, 10, 3, 10, 1, 3, 19],
        }
    }
}

/// A subsection (`1.2. Về du lịch, dịch vụ`) and the work it holds.
pub(crate) struct Sub {
    pub title: &'static str,
    pub mix: Mix,
    /// Lines of work, as a verb phrase: `phát triển du lịch cộng đồng`.
    pub objects: &'static [&'static str],
    /// What a project builds, before its place: `xây dựng bến du thuyền`.
    pub works: &'static [&'static str],
    /// Preferred lead agencies, as indices into [`AGENCIES`].
    pub leads: &'static [usize],
    /// How many tasks it draws, relative to the others.
    pub weight: u32,
}

/// A top-level field (`1. Về lĩnh vực kinh tế`).
pub(crate) struct Field {
    pub title: &'static str,
    pub subs: &'static [Sub],
}

const GENERIC_WORKS: &[&str] = &[
    "đầu tư xây dựng trụ sở làm việc",
    "cải tạo, nâng cấp hạ tầng kỹ thuật",
    "đầu tư trang thiết bị chuyên dùng",
];

pub(crate) const FIELDS: &[Field] = &[
    Field {
        title: "Về lĩnh vực kinh tế",
        subs: &[
            Sub {
                title: "Về công nghiệp, năng lượng",
                mix: Mix::Works,
                objects: &[
                    "phát triển công nghiệp chế biến, chế tạo",
                    "phát triển các khu, cụm công nghiệp",
                    "thu hút đầu tư vào các khu công nghiệp",
                    "phát triển năng lượng tái tạo",
                    "phát triển điện gió ngoài khơi",
                    "phát triển công nghiệp hỗ trợ",
                    "sử dụng năng lượng tiết kiệm và hiệu quả",
                    "hình thành trung tâm công nghiệp xanh",
                    "bảo đảm cung ứng điện cho sản xuất",
                ],
                works: &[
                    "đầu tư hạ tầng kỹ thuật cụm công nghiệp",
                    "xây dựng trạm biến áp và đường dây 110 kV",
                    "đầu tư hạ tầng khu công nghiệp",
                    "xây dựng nhà máy điện mặt trời áp mái",
                ],
                leads: &[2, 15, 1],
                weight: 4,
            },
            Sub {
                title: "Về du lịch, dịch vụ",
                mix: Mix::Policy,
                objects: &[
                    "phát triển du lịch biển, đảo",
                    "phát triển kinh tế đêm",
                    "phát triển du lịch cộng đồng",
                    "chuyển đổi số ngành du lịch",
                    "xây dựng thương hiệu du lịch",
                    "phát triển dịch vụ logistics",
                    "phát triển thương mại điện tử",
                    "xúc tiến du lịch tại các thị trường trọng điểm",
                    "nâng cao chất lượng nhân lực du lịch",
                    "phát triển du lịch chăm sóc sức khỏe",
                ],
                works: &[
                    "chỉnh trang không gian du lịch ven sông",
                    "xây dựng bến du thuyền",
                    "xây dựng trung tâm hội nghị, triển lãm",
                ],
                leads: &[6, 2, 32],
                weight: 4,
            },
            Sub {
                title: "Về đô thị, xây dựng",
                mix: Mix::Works,
                objects: &[
                    "phát triển đô thị thông minh",
                    "phát triển nhà ở xã hội",
                    "chỉnh trang, tái thiết đô thị",
                    "quản lý trật tự xây dựng",
                    "phát triển hạ tầng kỹ thuật đô thị",
                    "phát triển vật liệu xây dựng xanh",
                    "tháo gỡ vướng mắc của các dự án tồn đọng, kéo dài",
                    "công tác bồi thường, giải phóng mặt bằng",
                ],
                works: &[
                    "xây dựng khu đô thị mới",
                    "xây dựng khu tái định cư",
                    "cải tạo hệ thống thoát nước đô thị",
                    "xây dựng nhà ở xã hội",
                    "chỉnh trang đô thị ven biển",
                ],
                leads: &[1, 20, 21, 29],
                weight: 4,
            },
            Sub {
                title: "Về giao thông vận tải",
                mix: Mix::Works,
                objects: &[
                    "phát triển kết cấu hạ tầng giao thông",
                    "phát triển hệ thống cảng biển",
                    "phát triển vận tải hành khách công cộng",
                    "bảo đảm trật tự, an toàn giao thông",
                    "kết nối giao thông liên vùng",
                ],
                works: &[
                    "xây dựng tuyến đường ven biển",
                    "nâng cấp, mở rộng quốc lộ",
                    "xây dựng cầu qua sông",
                    "xây dựng đường giao thông liên xã",
                    "nâng cấp nhà ga cảng hàng không",
                    "xây dựng bến xe khách",
                ],
                leads: &[1, 28],
                weight: 3,
            },
            Sub {
                title: "Về nông, lâm, thủy sản",
                mix: Mix::Policy,
                objects: &[
                    "phát triển nông nghiệp công nghệ cao",
                    "phát triển nông nghiệp hữu cơ",
                    "phát triển nuôi biển công nghệ cao",
                    "bảo vệ và phát triển rừng",
                    "chống khai thác hải sản bất hợp pháp",
                    "xây dựng vùng nguyên liệu tập trung",
                    "truy xuất nguồn gốc nông sản",
                    "phát triển chăn nuôi an toàn sinh học",
                    "phát triển kinh tế hợp tác, hợp tác xã",
                ],
                works: &[
                    "nâng cấp cảng cá và khu neo đậu tránh trú bão",
                    "xây dựng hồ chứa nước",
                    "kiên cố hóa kênh mương nội đồng",
                    "trồng rừng phòng hộ ven biển",
                ],
                leads: &[3, 36],
                weight: 3,
            },
            Sub {
                title: "Về kinh tế biển",
                mix: Mix::Policy,
                objects: &[
                    "phát triển bền vững kinh tế biển",
                    "phát triển Khu kinh tế Vân Phong",
                    "quản lý tổng hợp tài nguyên vùng bờ",
                    "phát triển dịch vụ hậu cần nghề cá",
                    "bảo tồn đa dạng sinh học biển",
                ],
                works: &["xây dựng khu bến cảng tổng hợp", "nạo vét luồng hàng hải"],
                leads: &[15, 3],
                weight: 2,
            },
            Sub {
                title: "Về tài chính, ngân sách",
                mix: Mix::Policy,
                objects: &[
                    "tăng thu ngân sách nhà nước",
                    "quản lý, sử dụng tài sản công",
                    "thực hiện kế hoạch đầu tư công trung hạn",
                    "đẩy nhanh giải ngân vốn đầu tư công",
                    "thực hành tiết kiệm, chống lãng phí",
                    "sắp xếp, cơ cấu lại doanh nghiệp nhà nước",
                    "phát triển kinh tế tư nhân",
                    "huy động nguồn lực xã hội cho đầu tư phát triển",
                ],
                works: GENERIC_WORKS,
                leads: &[0, 31, 37],
                weight: 3,
            },
            Sub {
                title: "Về quy hoạch",
                mix: Mix::Policy,
                objects: &[
                    "điều chỉnh quy hoạch tỉnh",
                    "rà soát quy hoạch chung đô thị",
                    "lập quy hoạch phân khu",
                    "quản lý quy hoạch sử dụng đất",
                    "số hóa dữ liệu quy hoạch",
                ],
                works: GENERIC_WORKS,
                leads: &[1, 0, 3],
                weight: 2,
            },
            Sub {
                title: "Về cải cách hành chính, môi trường đầu tư kinh doanh",
                mix: Mix::Policy,
                objects: &[
                    "cải cách thủ tục hành chính",
                    "nâng cao chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
                    "nâng cao mức độ hài lòng của người dân",
                    "cung cấp dịch vụ công trực tuyến toàn trình",
                    "hỗ trợ doanh nghiệp nhỏ và vừa",
                    "cải thiện môi trường đầu tư kinh doanh",
                ],
                works: GENERIC_WORKS,
                leads: &[8, 11, 0],
                weight: 2,
            },
            Sub {
                title: "Về khoa học, công nghệ và chuyển đổi số",
                mix: Mix::Policy,
                objects: &[
                    "chuyển đổi số trong cơ quan nhà nước",
                    "phát triển kinh tế số, xã hội số",
                    "phát triển hạ tầng số",
                    "ứng dụng trí tuệ nhân tạo (AI)",
                    "phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo",
                    "bảo đảm an toàn thông tin mạng",
                    "phát triển công nghiệp bán dẫn",
                    "phát triển thị trường khoa học và công nghệ",
                ],
                works: &[
                    "xây dựng trung tâm dữ liệu tỉnh",
                    "xây dựng nền tảng tích hợp, chia sẻ dữ liệu",
                ],
                leads: &[7, 11],
                weight: 3,
            },
            Sub {
                title: "Về tài nguyên, môi trường",
                mix: Mix::Policy,
                objects: &[
                    "bảo vệ môi trường",
                    "xử lý chất thải rắn sinh hoạt",
                    "bảo đảm an ninh nguồn nước",
                    "ứng phó với biến đổi khí hậu",
                    "quản lý hoạt động khai thác khoáng sản",
                    "giảm phát thải khí nhà kính",
                    "phòng, chống sạt lở bờ biển, bờ sông",
                ],
                works: &[
                    "xây dựng nhà máy xử lý chất thải rắn",
                    "xây dựng hệ thống xử lý nước thải tập trung",
                    "xây dựng kè chống sạt lở bờ biển",
                ],
                leads: &[3],
                weight: 3,
            },
        ],
    },
    Field {
        title: "Về lĩnh vực văn hóa - xã hội",
        subs: &[
            Sub {
                title: "Về giáo dục và đào tạo",
                mix: Mix::Policy,
                objects: &[
                    "nâng cao chất lượng giáo dục phổ thông",
                    "phát triển đội ngũ giáo viên",
                    "xây dựng trường học đạt chuẩn quốc gia",
                    "đào tạo nguồn nhân lực chất lượng cao",
                    "phổ cập giáo dục mầm non cho trẻ em",
                    "nâng cao chất lượng dạy và học ngoại ngữ",
                    "phát triển giáo dục nghề nghiệp",
                ],
                works: &[
                    "xây dựng trường trung học phổ thông",
                    "nâng cấp cơ sở vật chất trường học vùng khó khăn",
                ],
                leads: &[5, 33],
                weight: 3,
            },
            Sub {
                title: "Về văn hóa, thể thao",
                mix: Mix::Policy,
                objects: &[
                    "bảo tồn, phát huy giá trị di sản văn hóa",
                    "xây dựng đời sống văn hóa cơ sở",
                    "phát triển thể thao thành tích cao",
                    "phát triển văn hóa đọc",
                    "bảo tồn nghệ thuật truyền thống",
                    "phát triển các ngành công nghiệp văn hóa",
                ],
                works: &[
                    "xây dựng bảo tàng tổng hợp",
                    "xây dựng khu liên hợp thể dục, thể thao",
                    "trùng tu, tôn tạo di tích",
                ],
                leads: &[6, 38],
                weight: 2,
            },
            Sub {
                title: "Về y tế",
                mix: Mix::Policy,
                objects: &[
                    "nâng cao chất lượng khám bệnh, chữa bệnh",
                    "phát triển y tế cơ sở",
                    "chăm sóc sức khỏe người cao tuổi",
                    "giảm suy dinh dưỡng thể thấp còi ở trẻ em",
                    "phòng, chống dịch bệnh",
                    "phát triển y học cổ truyền",
                    "chuyển đổi số ngành y tế",
                    "thu hút nhân lực y tế chất lượng cao",
                ],
                works: &[
                    "xây dựng bệnh viện đa khoa khu vực",
                    "nâng cấp trạm y tế xã",
                    "đầu tư trang thiết bị y tế",
                ],
                leads: &[4, 34],
                weight: 3,
            },
            Sub {
                title: "Về lao động, an sinh xã hội",
                mix: Mix::Policy,
                objects: &[
                    "giảm nghèo đa chiều bền vững",
                    "phát triển thị trường lao động",
                    "mở rộng bao phủ bảo hiểm xã hội",
                    "chăm sóc người có công với cách mạng",
                    "bảo vệ, chăm sóc trẻ em",
                    "hỗ trợ người lao động mất việc làm",
                    "phát triển nhà ở cho công nhân",
                ],
                works: &["xây dựng trung tâm bảo trợ xã hội"],
                leads: &[8, 30, 4],
                weight: 2,
            },
            Sub {
                title: "Về công tác dân tộc, tôn giáo",
                mix: Mix::Policy,
                objects: &[
                    "phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số",
                    "bảo tồn văn hóa các dân tộc thiểu số",
                    "quản lý nhà nước về tín ngưỡng, tôn giáo",
                    "hỗ trợ sinh kế cho đồng bào dân tộc thiểu số",
                ],
                works: &["xây dựng nhà văn hóa cộng đồng"],
                leads: &[10],
                weight: 1,
            },
        ],
    },
    Field {
        title: "Về lĩnh vực quốc phòng, an ninh, đối ngoại",
        subs: &[
            Sub {
                title: "Về quốc phòng",
                mix: Mix::Party,
                objects: &[
                    "xây dựng khu vực phòng thủ tỉnh",
                    "xây dựng lực lượng dân quân tự vệ",
                    "giáo dục quốc phòng và an ninh",
                    "diễn tập khu vực phòng thủ",
                    "bảo vệ chủ quyền biển, đảo",
                ],
                works: &["xây dựng thao trường huấn luyện"],
                leads: &[14, 27],
                weight: 1,
            },
            Sub {
                title: "Về an ninh, trật tự",
                mix: Mix::Party,
                objects: &[
                    "phòng, chống tội phạm và tệ nạn ma túy",
                    "bảo đảm an ninh, trật tự ở cơ sở",
                    "ứng dụng dữ liệu dân cư, định danh điện tử",
                    "phòng cháy, chữa cháy và cứu nạn, cứu hộ",
                    "bảo đảm an ninh mạng",
                ],
                works: &["xây dựng trụ sở công an xã"],
                leads: &[13],
                weight: 2,
            },
            Sub {
                title: "Về đối ngoại",
                mix: Mix::Policy,
                objects: &[
                    "mở rộng hợp tác quốc tế",
                    "thu hút nguồn vốn hỗ trợ phát triển chính thức (ODA)",
                    "quảng bá hình ảnh tỉnh ra nước ngoài",
                    "quản lý thống nhất các hoạt động đối ngoại",
                ],
                works: GENERIC_WORKS,
                leads: &[11],
                weight: 1,
            },
        ],
    },
    Field {
        title: "Về xây dựng Đảng và hệ thống chính trị",
        subs: &[
            Sub {
                title: "Về chính trị, tư tưởng",
                mix: Mix::Party,
                objects: &[
                    "giáo dục chính trị, tư tưởng cho cán bộ, đảng viên",
                    "đấu tranh phản bác các quan điểm sai trái, thù địch",
                    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                    "công tác thông tin, tuyên truyền",
                ],
                works: &["nâng cấp cơ sở đào tạo cán bộ"],
                leads: &[17, 26],
                weight: 1,
            },
            Sub {
                title: "Về tổ chức, cán bộ",
                mix: Mix::Party,
                objects: &[
                    "nâng cao chất lượng đội ngũ cán bộ",
                    "sắp xếp tổ chức bộ máy tinh gọn",
                    "đánh giá chất lượng tổ chức cơ sở đảng",
                    "phát triển đảng viên",
                    "quy hoạch, đào tạo cán bộ trẻ",
                    "nâng cao chất lượng sinh hoạt chi bộ",
                ],
                works: GENERIC_WORKS,
                leads: &[16, 8],
                weight: 2,
            },
            Sub {
                title: "Về kiểm tra, giám sát; phòng, chống tham nhũng, lãng phí, tiêu cực",
                mix: Mix::Party,
                objects: &[
                    "kiểm tra, giám sát của Đảng",
                    "phòng, chống tham nhũng, lãng phí, tiêu cực",
                    "tiếp công dân, giải quyết khiếu nại, tố cáo",
                    "kiểm soát tài sản, thu nhập",
                ],
                works: GENERIC_WORKS,
                leads: &[18, 24, 12],
                weight: 1,
            },
            Sub {
                title: "Về hoạt động của chính quyền",
                mix: Mix::Party,
                objects: &[
                    "nâng cao hiệu lực, hiệu quả của chính quyền địa phương hai cấp",
                    "phân cấp, phân quyền",
                    "xây dựng chính quyền số",
                    "kiểm soát thủ tục hành chính",
                    "xây dựng và thi hành pháp luật",
                    "hoàn thiện hồ sơ địa giới hành chính",
                ],
                works: GENERIC_WORKS,
                leads: &[8, 11, 9, 35],
                weight: 2,
            },
            Sub {
                title: "Về công tác dân vận, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
                mix: Mix::Party,
                objects: &[
                    "công tác dân vận của chính quyền",
                    "giám sát và phản biện xã hội",
                    "phong trào thi đua yêu nước",
                    "vận động xây dựng nông thôn mới, đô thị văn minh",
                ],
                works: GENERIC_WORKS,
                leads: &[19, 17],
                weight: 1,
            },
        ],
    },
];

/// The names of the targets part (`B.II`), by the field an indicator measures.
pub(crate) const TARGET_SECTIONS: &[&str] = &[
    "Về kinh tế",
    "Về văn hóa - xã hội",
    "Về tài nguyên, môi trường và phát triển bền vững",
    "Về xây dựng Đảng và hệ thống chính trị",
];

/// Lead agencies, the most involved first: a small province uses the first
/// ones. Indices are referred to by [`Sub::leads`].
pub(crate) const AGENCIES: &[&str] = &[
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Dân tộc và Tôn giáo",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Thanh tra tỉnh",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Ban Quản lý Khu kinh tế Vân Phong",
    "Ban Tổ chức Tỉnh ủy",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "UBND phường Nha Trang",
    "UBND phường Cam Ranh",
    "UBND phường Phan Rang",
    "UBND phường Ninh Hòa",
    "Ban Nội chính Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Trường Chính trị tỉnh",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
    "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Thuế tỉnh Khánh Hòa",
    "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh",
    "Trường Đại học Khánh Hòa",
    "Bệnh viện Đa khoa tỉnh Khánh Hòa",
    "Đảng ủy Ủy ban nhân dân tỉnh",
    "Liên minh Hợp tác xã tỉnh",
    "Quỹ Đầu tư phát triển tỉnh",
    "Báo và Phát thanh, Truyền hình Khánh Hòa",
    "UBND phường Nam Nha Trang",
    "UBND phường Bắc Nha Trang",
    "UBND phường Tây Nha Trang",
    "UBND phường Bắc Cam Ranh",
    "UBND phường Đô Vinh",
    "UBND phường Ninh Chử",
    "UBND xã Cam Lâm",
    "UBND xã Diên Khánh",
    "UBND xã Vạn Ninh",
    "UBND xã Khánh Vĩnh",
    "UBND xã Khánh Sơn",
    "UBND xã Ninh Hải",
    "UBND xã Cà Ná",
    "UBND xã Vạn Thắng",
    "UBND xã Suối Dầu",
    "UBND đặc khu Trường Sa",
    "UBND xã Xuân Hải",
    "UBND xã Diên Lạc",
    "UBND phường Ba Ngòi",
    "UBND phường Đông Hải",
    "UBND xã Đại Lãnh",
];

/// Bodies that issue or adopt what tasks draft; named in the catalog like
/// agencies but never leading a task.
pub(crate) const ISSUERS: &[&str] = &[
    "Ủy ban nhân dân tỉnh",
    "Ban Thường vụ Tỉnh ủy",
    "Ban Chấp hành Đảng bộ tỉnh",
];

/// Where projects are built: the wards and communes of the merged province.
pub(crate) const PLACES: &[&str] = &[
    "phường Nha Trang",
    "phường Bắc Nha Trang",
    "phường Nam Nha Trang",
    "phường Tây Nha Trang",
    "phường Cam Ranh",
    "phường Bắc Cam Ranh",
    "phường Cam Linh",
    "phường Ba Ngòi",
    "phường Ninh Hòa",
    "phường Đông Ninh Hòa",
    "phường Hòa Thắng",
    "phường Phan Rang",
    "phường Đông Hải",
    "phường Đô Vinh",
    "phường Bảo An",
    "phường Ninh Chử",
    "xã Cam Lâm",
    "xã Suối Dầu",
    "xã Diên Khánh",
    "xã Diên Lạc",
    "xã Vạn Ninh",
    "xã Vạn Thắng",
    "xã Đại Lãnh",
    "xã Khánh Vĩnh",
    "xã Khánh Sơn",
    "xã Ninh Hải",
    "xã Xuân Hải",
    "xã Cà Ná",
    "xã Phước Hà",
    "đặc khu Trường Sa",
];

/// Conditions a task may wait on, as programs write them.
pub(crate) const CONDITIONS: &[&str] = &[
    "khi đảm bảo đủ điều kiện",
    "sau khi được Thủ tướng Chính phủ phê duyệt",
    "sau khi Trung ương ban hành hướng dẫn",
    "khi được bố trí nguồn vốn",
];

/// The subsections a province of `tasks` tasks uses, as (field, sub)
/// indices in document order: every field keeps its first subsections, and
/// a larger province opens more of them.
pub(crate) fn chosen_subs(tasks: usize) -> Vec<(usize, usize)> {
    let total: usize = FIELDS.iter().map(|f| f.subs.len()).sum();
    let wanted = (6 + tasks / 150).clamp(6, total);
    // Round robin over the fields: 1.1, 2.1, 3.1, 4.1, 1.2, 2.2 …
    let mut picked = Vec::with_capacity(wanted);
    let mut depth = 0;
    while picked.len() < wanted {
        for (f, field) in FIELDS.iter().enumerate() {
            if depth < field.subs.len() && picked.len() < wanted {
                picked.push((f, depth));
            }
        }
        depth += 1;
    }
    picked.sort_unstable();
    picked
}

/// How many lead agencies a province of `tasks` tasks has.
pub(crate) fn agency_count(tasks: usize) -> usize {
    (20 + tasks / 60).clamp(20, AGENCIES.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preferred_lead_is_an_agency() {
        for field in FIELDS {
            for sub in field.subs {
                assert!(!sub.objects.is_empty() && !sub.works.is_empty());
                for &l in sub.leads {
                    assert!(l < AGENCIES.len(), "{}", sub.title);
                }
            }
        }
    }

    #[test]
    fn small_provinces_keep_every_field() {
        let subs = chosen_subs(10);
        assert_eq!(subs.len(), 6);
        for f in 0..FIELDS.len() {
            assert!(subs.iter().any(|&(x, _)| x == f));
        }
        let all: usize = FIELDS.iter().map(|f| f.subs.len()).sum();
        assert_eq!(chosen_subs(1_000_000).len(), all);
    }

    #[test]
    fn agencies_are_distinct_by_the_directory_key() {
        let mut keys: Vec<String> = AGENCIES
            .iter()
            .chain(ISSUERS)
            .map(|a| tiendo_core::agency::agency_key(a))
            .collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n);
        assert!(AGENCIES.len() >= 60);
    }
}
